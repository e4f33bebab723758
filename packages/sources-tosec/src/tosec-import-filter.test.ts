import { describe, expect, it } from 'vitest';
import { selectImportFiles, tosecImportFilter } from './tosec-import-filter.js';

const files = [
  'TOSEC-v2025-03-13/TOSEC/Commodore Amiga - Games - [ADF] (TOSEC-v2025-03-13).dat',
  'TOSEC-v2025-03-13/TOSEC/Sinclair ZX Spectrum - Games - [TAP] (TOSEC-v2025-03-13).dat',
  'TOSEC-v2025-03-13/TOSEC-ISO/Sony PlayStation - Games (TOSEC-v2025-03-13).dat',
  'TOSEC-v2025-03-13/TOSEC-PIX/Commodore Amiga - Magazines (TOSEC-v2025-03-13).dat',
  'TOSEC-v2025-03-13/TOSEC-ISO/Cues/Disc (Café).cue',
];

describe('import_paths', () => {
  it('selects by globs relative to the release folder', () => {
    expect(selectImportFiles(files, { import_paths: ['TOSEC/Commodore Amiga*'] })).toEqual([files[0]]);
    expect(selectImportFiles(files, { import_paths: ['*/Commodore Amiga*'] })).toEqual([files[0], files[3]]);
  });

  it('takes a whole folder when a glob names one, and never a non-DAT file', () => {
    expect(selectImportFiles(files, { import_paths: ['TOSEC-ISO'] })).toEqual([files[2]]);
  });

  it('takes every DAT when no globs are set (an explicit --import)', () => {
    expect(selectImportFiles(files, { import_paths: [] })).toEqual(files.slice(0, 4));
  });

  it('matches without regard to case and without the release folder too', () => {
    expect(tosecImportFilter('TOSEC/sinclair zx spectrum - games - [TAP] (TOSEC-v2025-03-13).dat', { import_paths: ['tosec/Sinclair*'] })).toBe(true);
    expect(tosecImportFilter(files[1]!, { import_paths: ['TOSEC/Commodore*'] })).toBe(false);
  });
});
