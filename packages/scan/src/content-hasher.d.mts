import type { HeaderKind } from './headers.mjs';

export interface HashOptions {
  /** Content sizes for which MD5 is computed too (catalogue ROMs of that size have no CRC or SHA-1). */
  md5Sizes?: ReadonlySet<number>;
  /** Content sizes for which SHA-256 is computed too. */
  sha256Sizes?: ReadonlySet<number>;
  /** Look for a copier header (default true). */
  headers?: boolean;
}

export interface Digests {
  crc: string;
  sha1: string;
  md5: string | null;
  sha256: string | null;
}

export interface ContentDigest extends Digests {
  size: number;
  /** The header found at the start and the hashes of what follows it. */
  header: (Digests & { kind: HeaderKind; size: number }) | null;
}

export interface ContentHasher {
  update(chunk: Buffer): void;
  /** Throws when the bytes fed do not add up to the size given. */
  digest(): ContentDigest;
}

export declare function createContentHasher(size: number, options?: HashOptions): ContentHasher;

export interface FileDigest extends ContentDigest {
  fileSize: number;
  mtimeMs: number;
}

export declare function hashFile(path: string, options?: HashOptions & { onBytes?: (bytes: number) => void }): Promise<FileDigest>;
