// A game's content: the multiset of its ROMs by size, crc, sha1 and md5 (names ignored), as one
// digest, so two versions compare game by game without holding their ROM rows.
import { createHash } from 'node:crypto';
import { normaliseCrc, normaliseHash, type StoredRom } from '@rommer/store';

/** A ROM as any parser or the catalogue gives it; hashes in any case, crc with or without padding. */
export interface RomLike {
  name: string;
  size?: number | null;
  crc?: string | null;
  md5?: string | null;
  sha1?: string | null;
}

/** The ROM with its hashes normalised the way the catalogue stores them. */
export function normaliseRom(rom: RomLike): StoredRom {
  return {
    name: rom.name,
    size: typeof rom.size === 'number' && Number.isSafeInteger(rom.size) ? rom.size : null,
    crc: normaliseCrc(rom.crc),
    md5: normaliseHash(rom.md5),
    sha1: normaliseHash(rom.sha1),
  };
}

/** What identifies a ROM's data (of a normalised ROM): size, crc, and sha1/md5 where present. */
export function romKey(rom: StoredRom): string {
  return `${rom.size ?? ''}:${rom.crc ?? ''}:${rom.sha1 ?? ''}:${rom.md5 ?? ''}`;
}

/** The content digest of a game's (normalised) ROMs: equal for equal multisets, "" for none. */
export function gameContent(roms: readonly StoredRom[]): string {
  if (roms.length === 0) return '';
  const keys = roms.map(romKey).sort();
  return createHash('sha1').update(keys.join('\n')).digest('hex');
}
