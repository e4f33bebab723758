// The entries of one zip or 7z archive, hashed or — in quick mode — taken from the archive's
// directory. Quick mode trusts a directory CRC-32 and size that the catalogue knows; an entry it
// does not know is read after all (it may be a headered dump, or an MD5-only ROM's), so that
// every entry ends up identified or with its full hashes for the report.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { extractArchive, listArchive, openArchiveEntry, type ArchiveEntry, type ArchiveFormat, type ArchiveLimits } from '@rommer/archive';
import type { ScanFileInput } from '@rommer/store';
import { createContentHasher, hashFile, type ContentDigest, type HashOptions } from './content-hasher.mjs';

export interface ArchiveScanOptions {
  format: Exclude<ArchiveFormat, 'html' | 'unknown'>;
  /** Hash every entry instead of trusting the directory's CRC-32 for those the catalogue knows. */
  full: boolean;
  hashOptions: HashOptions;
  /** Whether the catalogue has a ROM with this size and CRC-32 (quick mode's test). */
  knowsCrc: (size: number, crc: string) => Promise<boolean>;
  limits?: Partial<ArchiveLimits>;
  signal?: AbortSignal;
  /** Where a 7z's entries are extracted to be hashed (a private folder inside, removed after). */
  workDir?: string;
  onBytes?: (bytes: number) => void;
  onWarning?: (message: string) => void;
}

/** A digest as the cache stores it. */
export function toScanInput(entry: string | null, digest: ContentDigest): ScanFileInput {
  return {
    entry,
    size: digest.size,
    crc: digest.crc,
    sha1: digest.sha1,
    md5: digest.md5,
    sha256: digest.sha256,
    header: digest.header,
  };
}

async function hashStream(stream: Readable, size: number, options: HashOptions, onBytes?: (bytes: number) => void): Promise<ContentDigest> {
  const hasher = createContentHasher(size, options);
  for await (const chunk of stream) {
    hasher.update(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
  return hasher.digest();
}

const needsWeakHash = (size: number, options: HashOptions) => options.md5Sizes?.has(size) === true || options.sha256Sizes?.has(size) === true;

/** Every file entry of the archive, in archive order. Errors are the archive package's ArchiveErrors. */
export async function scanArchive(file: string, options: ArchiveScanOptions): Promise<ScanFileInput[]> {
  const entries = (await listArchive(file, { limits: options.limits, onWarning: options.onWarning })).filter((e) => !e.isDirectory);
  const results = new Map<string, ScanFileInput>();
  const toRead: ArchiveEntry[] = [];
  for (const entry of entries) {
    const quick =
      !options.full && entry.crc32 !== null && !needsWeakHash(entry.size, options.hashOptions) && (await options.knowsCrc(entry.size, entry.crc32));
    if (quick) {
      results.set(entry.name, { entry: entry.name, size: entry.size, crc: entry.crc32, sha1: null, md5: null, sha256: null, header: null });
      options.onBytes?.(entry.size);
    } else {
      toRead.push(entry);
    }
  }
  if (toRead.length > 0) {
    if (options.format === 'zip') {
      for (const entry of toRead) {
        if (options.signal?.aborted) break;
        const stream = await openArchiveEntry(file, entry.name, { limits: options.limits });
        results.set(entry.name, toScanInput(entry.name, await hashStream(stream, entry.size, options.hashOptions, options.onBytes)));
      }
    } else {
      // 7-Zip cannot stream one entry: extract those needed once, into a private folder, and hash the files.
      const dir = await mkdtemp(path.join(options.workDir ?? os.tmpdir(), 'rommer-scan-'));
      try {
        const wanted = new Set(toRead.map((e) => e.name));
        await extractArchive(file, dir, { filter: (e) => wanted.has(e.name), limits: options.limits, signal: options.signal, onWarning: options.onWarning });
        for (const entry of toRead) {
          const digest = await hashFile(path.join(dir, ...entry.name.split('/')), options.hashOptions);
          options.onBytes?.(digest.size);
          results.set(entry.name, toScanInput(entry.name, digest));
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }
  return entries.flatMap((entry) => results.get(entry.name) ?? []);
}
