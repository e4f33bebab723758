// The shapes `rommer scan` stores and reads back (see scan-store.ts).

/** Hashes of a content, lower-case hex; null where not computed. */
export interface ContentHashes {
  size: number;
  crc?: string | null;
  sha1?: string | null;
  md5?: string | null;
  sha256?: string | null;
}

/** A copier/emulator header at the start of a file, and the hashes of what follows it. */
export interface HeaderHashes {
  /** "ines", "fds", "a7800", "lynx". */
  kind: string;
  /** Header length in bytes. */
  size: number;
  crc: string | null;
  sha1: string | null;
  md5: string | null;
  sha256: string | null;
}

/** One loose file or archive entry as a scan hashed it. */
export interface ScanFileInput {
  /** The name inside the archive; null for a loose file. */
  entry: string | null;
  size: number;
  crc: string | null;
  sha1: string | null;
  md5: string | null;
  sha256: string | null;
  header: HeaderHashes | null;
}

/** A cached row: the input plus the file it came from and that file's cache key. */
export interface ScanFileRecord extends ScanFileInput {
  path: string;
  fileSize: number;
  /** Unix milliseconds. */
  fileMtime: number;
}

export interface ScanRunTotals {
  files: number;
  matched: number;
  unknown: number;
}

export interface ScanRunRecord extends ScanRunTotals {
  id: number;
  paths: string[];
  full: boolean;
  startedAt: Date;
  finishedAt: Date;
  status: 'complete' | 'cancelled';
}

/** A catalogue ROM found by content, with its game and DAT ids. */
export interface RomHit {
  romId: number;
  name: string;
  size: number | null;
  crc: string | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  status: string | null;
  gameId: number;
  gameName: string;
  datId: number;
}

/** One ROM of a DAT with the game it belongs to. */
export interface DatRomRow extends RomHit {
  gameDescription: string | null;
  cloneOf: string | null;
  romOf: string | null;
  isBios: boolean;
  isDevice: boolean;
}
