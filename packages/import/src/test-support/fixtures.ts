import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's copies of real upstream DATs (see each folder's SOURCE.md). */
export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures');

export interface ExpectedCounts {
  format: 'logiqx' | 'listxml' | 'clrmamepro';
  games: number;
  roms: number;
  disks: number;
  roms_with_sha1: number;
  roms_with_crc: number;
  roms_nodump: number;
  rom_size_sum: number;
  header_name: string;
  header_version: string;
  roms_unnamed: number;
}

/** EXPECTED.json: counts made by an independent parser (Python stdlib) over the same bytes. */
export function expectedCounts(): Record<string, ExpectedCounts> {
  const parsed = JSON.parse(readFileSync(path.join(fixturesDir, 'EXPECTED.json'), 'utf8')) as {
    files: Record<string, ExpectedCounts>;
  };
  return parsed.files;
}
