import type { Readable } from 'node:stream';
import { archiveError } from './archive-error.js';
import { assertArchive } from './detect-format.js';
import { checkEntries } from './entry-checks.js';
import { resolveLimits, type ArchiveLimits } from './limits.js';
import { openZip } from './zip-reader.js';

export interface OpenEntryOptions {
  limits?: Partial<ArchiveLimits>;
}

/**
 * A readable stream of one entry's bytes. `entryName` is the entry's path as listArchive gives
 * it. For zip the data is inflated as it is read and its size and CRC-32 are checked at the end
 * (the stream errors with an ArchiveError on mismatch); the archive closes when the stream does.
 */
export async function openArchiveEntry(file: string, entryName: string, options: OpenEntryOptions = {}): Promise<Readable> {
  const limits = resolveLimits(options.limits);
  const format = await assertArchive(file);
  if (format === '7z') {
    const { openSevenZipEntry } = await import('./seven-zip-entry.js');
    return openSevenZipEntry(file, entryName, limits);
  }
  const zip = await openZip(file, limits);
  try {
    const { entries } = checkEntries(file, zip.entries, limits, undefined);
    const entry = entries.find((e) => e.name === entryName && !e.isDirectory);
    if (!entry) throw archiveError(file, entryName, 'no such file in the archive');
    const stream = await zip.openEntry(entry.scanned);
    stream.once('close', () => zip.close());
    return stream;
  } catch (error) {
    zip.close();
    throw error;
  }
}
