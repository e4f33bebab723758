import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHtmlPage } from '@rommer/core/html';
import { UpstreamChangedError } from '@rommer/core';
import { describe, expect, it } from 'vitest';
import { listReleases, newestRelease } from './tosec-downloads-page.js';

const capture = (name: string) =>
  fs.readFileSync(fileURLToPath(new URL(`../../../test/fixtures/pages/tosec/${name}`, import.meta.url)), 'utf8');

describe('the TOSEC downloads page', () => {
  it('finds the newest release on the real captured page (unordered menu, WIP and tool categories)', () => {
    const page = parseHtmlPage(capture('tosec_downloads.html'), 'https://www.tosecdev.org/downloads');
    expect(newestRelease(page)).toEqual({
      date: '2025-03-13',
      category: 59,
      url: 'https://www.tosecdev.org/downloads/category/59-2025-03-13',
    });
    const releases = listReleases(page);
    // 49 menu entries, one of them the "toseciso wip" category; the most-downloaded list repeats dates.
    expect(releases).toHaveLength(48);
    expect(releases.map((r) => r.date)).toEqual([...releases.map((r) => r.date)].sort().reverse());
    expect(releases.find((r) => r.date === '2017-11-01')?.category).toBe(41);
    expect(releases.some((r) => r.url.includes('toseciso'))).toBe(false);
  });

  it('never picks a hidden link, however new its date', () => {
    const page = parseHtmlPage(
      `<div class="pd-subcategory"><a href="/downloads/category/58-2024-05-17">2024-05-17</a></div>
       <div style="display: none;"><a href="/downloads/category/99-2099-01-01">2099-01-01</a></div>
       <a href="/downloads/category/98-2098-01-01"></a>`,
      'https://www.tosecdev.org/downloads',
    );
    expect(newestRelease(page).date).toBe('2024-05-17');
  });

  it('ignores impossible dates and download links', () => {
    const page = parseHtmlPage(
      `<a href="/downloads/category/70-2025-13-45">bad</a><a href="/downloads/category/58-2024-05-17?download=1:x">dl</a>
       <a href="/downloads/category/57-2023-07-10">2023-07-10</a>`,
      'https://www.tosecdev.org/downloads',
    );
    expect(listReleases(page).map((r) => r.date)).toEqual(['2023-07-10']);
  });

  it('says the layout changed when no release category is linked', () => {
    const page = parseHtmlPage(capture('tosec_category.html'), 'https://www.tosecdev.org/downloads/category/59-2025-03-13');
    // The category page links only the "Datfiles" parent: no dated release.
    expect(() => newestRelease(parseHtmlPage('<a href="/releases/2025-03-13">x</a>', 'https://t/downloads'))).toThrow(
      new UpstreamChangedError('TOSEC page layout changed: no release category found on https://t/downloads'),
    );
    expect(() => newestRelease(page)).toThrow(/TOSEC page layout changed: no release category found/);
  });
});
