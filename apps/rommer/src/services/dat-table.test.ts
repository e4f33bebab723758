import { describe, expect, it } from 'vitest';
import { formatDatTable, type DatTableRow } from './dat-table.js';

const row = (over: Partial<DatTableRow>): DatTableRow => ({
  source: 'tosec',
  path: 'tosec/TOSEC-v2025-03-13/TOSEC/Commodore Amiga - Games (TOSEC-v2025-03-13).dat',
  name: 'Commodore Amiga - Games',
  version: '2025-03-13',
  format: 'logiqx',
  games: 1200,
  roms: 3400,
  disks: 0,
  ...over,
});

describe('formatDatTable (rommer dats)', () => {
  it('shows each DAT with its name, source, version and counts, then the totals', () => {
    const table = formatDatTable([
      row({}),
      row({ source: null, path: 'import/mine.dat', name: 'My own DAT', version: null, format: 'clrmamepro', games: 3, roms: 4, disks: 1 }),
    ]).split('\n');
    expect(table[0]).toMatch(/^SOURCE +NAME +VERSION +FORMAT +GAMES +ROMS +DISKS +PATH$/);
    expect(table[1]).toMatch(/^tosec +Commodore Amiga - Games +2025-03-13 +logiqx +1,200 +3,400 +0 +tosec\/TOSEC-v2025-03-13\//);
    // A hand import has no source: it says so rather than "-".
    expect(table[2]).toMatch(/^\(import\) +My own DAT +- +clrmamepro +3 +4 +1 +import\/mine\.dat$/);
    expect(table[3]).toMatch(/^total +2 DATs +1,203 +3,404 +1$/);
    // Columns line up: the counts end where their heading ends.
    const end = (line: string, word: string) => line.indexOf(word) + word.length;
    expect(end(table[1]!, '3,400')).toBe(end(table[0]!, 'ROMS'));
    expect(end(table[3]!, '3,404')).toBe(end(table[0]!, 'ROMS'));
  });

  it('cuts a very long DAT name and keeps the path whole', () => {
    const long = 'Sony - PlayStation - Datfile (12345) (2026-11-20 01-23-45) - an extremely long description';
    const [, line] = formatDatTable([row({ name: long })]).split('\n');
    expect(line).toContain('Sony - PlayStation - Datfile (12345) (2026-11-2…');
    expect(line).not.toContain('extremely');
    expect(line).toContain('Commodore Amiga - Games (TOSEC-v2025-03-13).dat');
  });

  it('one DAT: "1 DAT"; a DAT without a name shows "-"', () => {
    const table = formatDatTable([row({ name: null })]).split('\n');
    expect(table[1]).toMatch(/^tosec +- +2025-03-13/);
    expect(table[2]).toMatch(/^total +1 DAT +1,200/);
  });

  it('says how to fill an empty catalogue', () => {
    expect(formatDatTable([])).toBe('No DATs in the catalogue yet (rommer import <path> or rommer update --import).');
  });
});
