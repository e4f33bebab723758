import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ArchiveError } from './errors.js';
import { CancelledError } from '@rommer/core/errors';
import { describeError } from '@rommer/core/errors';
import { archiveError } from './archive-error.js';
import type { CheckedEntry } from './entry-checks.js';
import type { ProgressTracker } from './progress.js';
import type { Staging } from './staging.js';
import { SMALL_ENTRY_BYTES, type ZipArchive } from './zip-reader.js';

/**
 * Files written at once. Reading, inflating and writing go through libuv's thread pool, so a few
 * entries in flight hide each one's open/read/close latency — what packs of thousands of small
 * DATs are made of.
 */
const WRITE_CONCURRENCY = 4;

/** Throws when one selected path is a file and also a folder of another entry (order-independent). */
function checkClashes(archive: string, selected: readonly CheckedEntry[]): void {
  const folders = new Set<string>();
  for (const entry of selected) {
    const parts = entry.name.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
    if (entry.isDirectory) folders.add(entry.name);
  }
  for (const entry of selected) {
    if (!entry.isDirectory && folders.has(entry.name)) {
      throw archiveError(archive, entry.scanned.rawName, 'is a file, but other entries use the same path as a folder');
    }
  }
}

/**
 * Writes the selected zip entries into the staging folder, verified as they go: small ones read
 * whole, large ones streamed. A few run at once; the error reported is the one of the earliest
 * failing entry in archive order (as a one-at-a-time run would report), and this returns only
 * once nothing is writing any more.
 */
export async function writeZipEntries(
  archive: string,
  zip: ZipArchive,
  selected: readonly CheckedEntry[],
  staging: Staging,
  progress: ProgressTracker,
  signal: AbortSignal | undefined,
): Promise<void> {
  checkClashes(archive, selected);
  // Folders first. Of files stored twice under one path only the last counts (as if written in
  // order), so two writers never share a file.
  const lastIndex = new Map<string, number>();
  selected.forEach((entry, index) => lastIndex.set(entry.name, index));
  const files: CheckedEntry[] = [];
  for (const [index, entry] of selected.entries()) {
    if (entry.isDirectory) {
      await staging.ensureDir(join(staging.root, entry.name));
      progress.entryDone(entry.name);
    } else if (lastIndex.get(entry.name) === index) {
      files.push(entry);
    } else {
      progress.entryDone(entry.name);
    }
  }

  const writeOne = async (entry: CheckedEntry) => {
    try {
      const target = await staging.prepareFile(entry.name);
      if (entry.size <= SMALL_ENTRY_BYTES && entry.compressedSize <= SMALL_ENTRY_BYTES) {
        const data = await zip.readEntry(entry.scanned);
        await writeFile(target, data, signal ? { signal } : {});
        progress.bytesWritten(entry.name, data.length);
      } else {
        const source = await zip.openEntry(entry.scanned, (bytes) => progress.bytesWritten(entry.name, bytes));
        await pipeline(source, createWriteStream(target), signal ? { signal } : {});
      }
    } catch (error) {
      if (error instanceof ArchiveError) throw error;
      if (signal?.aborted) throw new CancelledError(`${archive}: extraction cancelled`, { cause: error });
      throw archiveError(archive, entry.scanned.rawName, `cannot extract: ${describeError(error)}`, error);
    }
    progress.entryDone(entry.name);
  };

  const failures: { index: number; error: unknown }[] = [];
  let next = 0;
  const lane = async () => {
    while (failures.length === 0 && next < files.length) {
      const index = next++;
      if (signal?.aborted) {
        failures.push({ index, error: new CancelledError(`${archive}: extraction cancelled`) });
        return;
      }
      try {
        await writeOne(files[index]!);
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, files.length) }, lane));
  if (failures.length > 0) {
    // Every entry before the earliest failure was started and finished, so this is deterministic.
    const cancelled = failures.find((f) => f.error instanceof CancelledError);
    throw (cancelled ?? failures.reduce((a, b) => (b.index < a.index ? b : a))).error;
  }
}
