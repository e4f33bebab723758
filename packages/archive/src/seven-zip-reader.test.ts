import { describe, expect, it } from 'vitest';
import { parseTechnicalListing, scannedFromRecords } from './seven-zip-reader.js';
import { sevenZipFailure } from './seven-zip-runner.js';

const listing = `
Path = dats
Size = 0
Packed Size = 0
Attributes = D
Block = 

Path = dats/a.dat
Size = 3000000
Packed Size = 10000
Attributes = A
CRC = 0BAD1DEA
Block = 0

Path = dats/b.dat
Size = 1000000
Packed Size = 
Attributes = A -rw-r--r--
Block = 0

Path = link
Size = 9
Packed Size = 20
Attributes = A lrwxrwxrwx
Block = 1
`.split('\n');

describe('7z listing', () => {
  it('parses -slt records, folders from Windows-style attributes, symlinks from Unix ones', () => {
    const entries = scannedFromRecords(parseTechnicalListing(listing));
    expect(entries.map((e) => [e.rawName, e.size, e.isDirectory, e.isSymlink])).toEqual([
      ['dats', 0, true, false],
      ['dats/a.dat', 3_000_000, false, false],
      ['dats/b.dat', 1_000_000, false, false],
      ['link', 9, false, true],
    ]);
  });

  it('keeps the CRC-32 7-Zip lists (lower case), none for folders or files listed without one', () => {
    const entries = scannedFromRecords(parseTechnicalListing(listing));
    expect(entries.map((e) => e.crc32)).toEqual([null, '0bad1dea', null, null]);
  });

  it('judges the ratio per solid block: its files share the packed size', () => {
    const entries = scannedFromRecords(parseTechnicalListing(listing));
    expect(entries[1]!.ratioBasis).toEqual({ bytes: 4_000_000, packed: 10_000 });
    expect(entries[2]!.ratioBasis).toEqual({ bytes: 4_000_000, packed: 10_000 });
    expect(entries[3]!.ratioBasis).toEqual({ bytes: 9, packed: 20 });
  });

  it('picks the telling line out of 7-Zip errors', () => {
    expect(sevenZipFailure({ exitCode: 2, stdout: [], stderr: ['', 'ERROR: CRC Failed : dats/a.dat', ''] })).toEqual({
      cause: 'CRC Failed',
      entry: 'dats/a.dat',
    });
    expect(
      sevenZipFailure({
        exitCode: 2,
        stdout: [],
        stderr: ['ERROR: /in/x.7z', '/in/x.7z', 'Open ERROR: Cannot open the file as [7z] archive', '', 'ERRORS:', 'Unexpected end of archive'],
      }),
    ).toEqual({ cause: 'Open ERROR: Cannot open the file as [7z] archive; Unexpected end of archive' });
    expect(sevenZipFailure({ exitCode: 265480, stdout: [], stderr: [] })).toEqual({ cause: '7-Zip stopped on an internal error' });
  });
});
