// The shapes @rommer/scan hands its callers (the CLI prints them; `--json` prints them as they are).
import type { HeaderKind } from './headers.mjs';

/** One catalogue ROM a file or archive entry was found to be. */
export interface FileMatch {
  /** The DAT's source id, null for a DAT imported by hand. */
  source: string | null;
  /** The DAT's header name (its catalogue path when it has none). */
  dat: string;
  datVersion: string | null;
  game: string;
  rom: string;
}

/** One loose file or archive entry, identified. */
export interface ScannedFile {
  /** Absolute path of the file, or of the archive holding the entry. */
  path: string;
  /** The name inside the archive; null for a loose file. */
  entry: string | null;
  size: number;
  crc: string | null;
  /** Null where only the zip directory's CRC-32 was read (quick mode). */
  sha1: string | null;
  /** The copier header found, when the file has one. */
  header: HeaderKind | null;
  matches: FileMatch[];
}

/** Have/missing of one DAT (counts are games; see summariseDats). */
export interface DatSummary {
  /** The DAT's catalogue path. */
  path: string;
  name: string | null;
  source: string | null;
  version: string | null;
  /** Games with every ROM found. */
  have: number;
  /** Games with no ROM found. */
  missing: number;
  /** Games in the DAT. */
  total: number;
}
