/** One entry as a caller sees it. `name` is the safe relative, '/'-separated path. */
export interface ArchiveEntry {
  name: string;
  size: number;
  compressedSize: number;
  isDirectory: boolean;
}

/** What a format reader found in an archive's directory, before any safety check. */
export interface ScannedEntry {
  /** The name as stored (decoded), for messages. */
  rawName: string;
  size: number;
  compressedSize: number;
  isDirectory: boolean;
  isSymlink: boolean;
  /** Bytes and packed bytes the compression ratio is judged on (a 7z solid block shares one). */
  ratioBasis: { bytes: number; packed: number };
  /** A note about the name (e.g. decoded as CP437 against its flags). */
  nameWarning?: string;
  /** Index in the reader's own entry list. */
  index: number;
}
