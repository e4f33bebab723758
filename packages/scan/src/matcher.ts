// Which catalogue ROMs a hashed file is: the content as it is, and — for a headered dump — the
// content after the header, which is what No-Intro's headerless DATs describe.
import type { CatalogueLookup, RomHit, ScanFileInput } from '@rommer/store';

export interface RomMatchHit extends RomHit {
  /** True when the ROM matched the content with its copier header removed. */
  headerless: boolean;
}

/** The ROMs `file` is, each once, whole-content matches first. */
export async function matchFile(lookup: CatalogueLookup, file: ScanFileInput): Promise<RomMatchHit[]> {
  const seen = new Set<number>();
  const hits: RomMatchHit[] = [];
  const add = (rows: RomHit[], headerless: boolean) => {
    for (const row of rows) {
      if (seen.has(row.romId)) continue;
      seen.add(row.romId);
      hits.push({ ...row, headerless });
    }
  };
  add(await lookup.findRomsByContent({ size: file.size, crc: file.crc, sha1: file.sha1, md5: file.md5, sha256: file.sha256 }), false);
  const { header } = file;
  if (header !== null) {
    add(
      await lookup.findRomsByContent({ size: file.size - header.size, crc: header.crc, sha1: header.sha1, md5: header.md5, sha256: header.sha256 }),
      true,
    );
  }
  return hits;
}

/**
 * Whether a cached row still answers every question the catalogue can ask of it: it lacks an
 * MD5 or SHA-256 that some ROM of its size can only be identified by, or (for a full scan) the
 * SHA-1 that quick mode did not compute.
 */
export function cacheStillServes(
  file: ScanFileInput,
  weak: { md5: ReadonlySet<number>; sha256: ReadonlySet<number> },
  full: boolean,
): boolean {
  if (full && file.sha1 === null) return false;
  const lacks = (size: number, md5: string | null, sha256: string | null) =>
    (weak.md5.has(size) && md5 === null) || (weak.sha256.has(size) && sha256 === null);
  if (lacks(file.size, file.md5, file.sha256)) return false;
  if (file.header !== null && lacks(file.size - file.header.size, file.header.md5, file.header.sha256)) return false;
  return true;
}
