import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ArchiveError, CancelledError } from '@rommer/core';
import { archiveError, causeText } from './archive-error.js';
import type { CheckedEntry } from './entry-checks.js';
import type { ProgressTracker } from './progress.js';
import type { Staging } from './staging.js';
import type { ZipArchive } from './zip-reader.js';

/** Streams each selected zip entry into the staging folder, one at a time, verified as it goes. */
export async function writeZipEntries(
  archive: string,
  zip: ZipArchive,
  selected: readonly CheckedEntry[],
  staging: Staging,
  progress: ProgressTracker,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (const entry of selected) {
    if (signal?.aborted) throw new CancelledError(`${archive}: extraction cancelled`);
    try {
      if (entry.isDirectory) {
        await staging.ensureDir(join(staging.root, entry.name));
      } else {
        const target = await staging.prepareFile(entry.name);
        const source = await zip.openEntry(entry.scanned, (bytes) => progress.bytesWritten(entry.name, bytes));
        await pipeline(source, createWriteStream(target), signal ? { signal } : {});
      }
    } catch (error) {
      if (error instanceof ArchiveError) throw error;
      if (signal?.aborted) throw new CancelledError(`${archive}: extraction cancelled`, { cause: error });
      throw archiveError(archive, entry.scanned.rawName, `cannot extract: ${causeText(error)}`, error);
    }
    progress.entryDone(entry.name);
  }
}
