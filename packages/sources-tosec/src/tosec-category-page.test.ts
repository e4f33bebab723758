import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHtmlPage } from '@rommer/core/html';
import { describe, expect, it } from 'vitest';
import { findPackLink, packDate } from './tosec-category-page.js';

const capture = fs.readFileSync(
  fileURLToPath(new URL('../../../test/fixtures/pages/tosec/tosec_category.html', import.meta.url)),
  'utf8',
);

describe('the TOSEC category page', () => {
  it('finds the pack link and its name on the real captured page, against its <base href>', () => {
    const page = parseHtmlPage(capture, 'http://127.0.0.1:9/anything');
    expect(findPackLink(page)).toEqual({
      url: 'https://www.tosecdev.org/downloads/category/59-2025-03-13?download=117:tosec-dat-pack-complete-4743-tosec-v2025-03-13',
      name: 'TOSEC - DAT Pack - Complete (4743) (TOSEC-v2025-03-13).zip',
    });
  });

  it('prefers the complete pack and ignores hidden links', () => {
    const page = parseHtmlPage(
      `<a style="display:none" href="/c/1?download=9:trap">TOSEC - Trap.zip</a>
       <a href="/c/1?download=1:tosec-pix">TOSEC-PIX - Only (TOSEC-v2025-03-13).zip</a>
       <a href="/c/1?download=2:complete">TOSEC - DAT Pack - Complete (1) (TOSEC-v2025-03-13).zip</a>`,
      'https://t/c/1',
    );
    expect(findPackLink(page).url).toBe('https://t/c/1?download=2:complete');
  });

  it('says the layout changed when there is no download link', () => {
    expect(() => findPackLink(parseHtmlPage('<p>No files.</p>', 'https://t/c/1'))).toThrow(
      'TOSEC page layout changed: no pack download link on https://t/c/1',
    );
  });

  it('reads the date in a pack name', () => {
    expect(packDate('TOSEC - DAT Pack - Complete (4743) (TOSEC-v2025-03-13).zip')).toBe('2025-03-13');
    expect(packDate('pack.zip')).toBeUndefined();
  });
});
