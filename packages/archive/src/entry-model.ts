/** One entry as a caller sees it. `name` is the safe relative, '/'-separated path. */
export interface ArchiveEntry {
  name: string;
  size: number;
  compressedSize: number;
  isDirectory: boolean;
  /**
   * The CRC-32 the archive's directory records for the entry (8 lower-case hex digits), or null
   * where it records none (folders; 7z entries stored without one). Not verified until read.
   */
  crc32: string | null;
}

/** What a format reader found in an archive's directory, before any safety check. */
export interface ScannedEntry {
  /** The name as stored (decoded), for messages. */
  rawName: string;
  size: number;
  compressedSize: number;
  isDirectory: boolean;
  isSymlink: boolean;
  /** The directory's CRC-32 of the entry, 8 lower-case hex digits, when it has one. */
  crc32: string | null;
  /** Bytes and packed bytes the compression ratio is judged on (a 7z solid block shares one). */
  ratioBasis: { bytes: number; packed: number };
  /** A note about the name (e.g. decoded as CP437 against its flags). */
  nameWarning?: string;
  /** Index in the reader's own entry list. */
  index: number;
}
