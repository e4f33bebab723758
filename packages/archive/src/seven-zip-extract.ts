import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveError } from './errors.js';
import { CancelledError } from '@rommer/core/errors';
import { describeError } from '@rommer/core/errors';
import { archiveError } from './archive-error.js';
import { checkEntries, type CheckedEntry } from './entry-checks.js';
import { commitSelected, selectEntries, type ExtractOptions, type ExtractResult } from './extract-common.js';
import type { ArchiveLimits } from './limits.js';
import { ProgressTracker } from './progress.js';
import { archiveMount, scanSevenZip, SEVEN_ZIP_COMMON } from './seven-zip-reader.js';
import { runSevenZip, sevenZipFailure } from './seven-zip-runner.js';
import { Staging } from './staging.js';

const SEVEN_ZIP_OUT = '/out';
const LIST_FILE = '/selected.txt';

/**
 * Runs `7z x` for the selected entries into the staging folder. 7-Zip checks each file's CRC and
 * size itself; its "- name" lines (-bb1) drive progress. Afterwards every expected file must be
 * a regular file of the listed size, whatever 7-Zip did.
 */
export async function writeSevenZipEntries(
  file: string,
  selected: readonly CheckedEntry[],
  everything: boolean,
  staging: Staging,
  progress: ProgressTracker,
  signal: AbortSignal | undefined,
): Promise<void> {
  const { mount, path } = archiveMount(file);
  const byRawName = new Map(selected.map((entry) => [entry.scanned.rawName, entry]));
  let doneBytes = 0;
  let current: CheckedEntry | undefined;
  const finishCurrent = () => {
    if (!current) return;
    doneBytes += current.size;
    progress.entryDone(current.name, doneBytes);
    current = undefined;
  };
  // 7-Zip prints "- <name>" as it starts each item: the previous one is then complete.
  const onLine = (line: string) => {
    if (!line.startsWith('- ')) return;
    const next = byRawName.get(line.slice(2).replace(/\/$/, ''));
    if (next?.isDirectory) return;
    finishCurrent();
    current = next;
    if (current) progress.setBytes(current.name, doneBytes);
  };
  // Folders are made here, not by 7-Zip: naming a folder to 7-Zip would pull in all it holds.
  for (const entry of selected) {
    if (!entry.isDirectory) continue;
    await staging.ensureDir(join(staging.root, entry.name));
    progress.entryDone(entry.name);
  }
  const selectedFiles = selected.filter((entry) => !entry.isDirectory);
  if (selectedFiles.length > 0) {
    const args = ['x', path, `-o${SEVEN_ZIP_OUT}`, '-y', '-aoa', '-bb1', '-spd', ...SEVEN_ZIP_COMMON];
    const files: Record<string, string> = {};
    if (!everything) {
      // A list file rather than arguments: thousands of names would not fit a command line.
      files[LIST_FILE] = selectedFiles.map((entry) => entry.scanned.rawName).join('\n') + '\n';
      args.push(`-i@${LIST_FILE}`);
    }
    let result;
    try {
      result = await runSevenZip(args, { mounts: [mount, { dir: staging.root, at: SEVEN_ZIP_OUT }], files, signal, onLine });
    } catch (error) {
      if (signal?.aborted) throw new CancelledError(`${file}: extraction cancelled`, { cause: error });
      throw archiveError(file, undefined, `cannot run 7-Zip (${describeError(error)})`, error);
    }
    if (result.exitCode !== 0) {
      const failure = sevenZipFailure(result);
      throw archiveError(file, failure.entry, `extraction failed: ${failure.cause}`);
    }
    finishCurrent();
  }
  for (const entry of selected) {
    const target = join(staging.root, entry.name);
    const stats = await lstat(target).catch(() => undefined);
    const ok = entry.isDirectory ? stats?.isDirectory() : stats?.isFile() && stats.size === entry.size;
    if (!ok) throw archiveError(file, entry.scanned.rawName, 'was not extracted as listed (corrupt archive?)');
  }
}

/** extractArchive for 7z: list, check, extract the selection into staging, then move into place. */
export async function extractSevenZip(
  file: string,
  destDir: string,
  options: ExtractOptions,
  limits: ArchiveLimits,
): Promise<ExtractResult> {
  const { signal } = options;
  const listing = await scanSevenZip(file, signal).catch((error: unknown) => {
    throw signal?.aborted ? new CancelledError(`${file}: extraction cancelled`, { cause: error }) : error;
  });
  const { entries, skipped } = checkEntries(file, listing.entries, limits, options.onWarning);
  const { selected, totalBytes } = selectEntries(file, entries, options, limits);
  const progress = new ProgressTracker(selected.length, totalBytes, options.onProgress);
  const staging = await Staging.create(destDir);
  try {
    const everything = selected.length === listing.entries.length;
    await writeSevenZipEntries(file, selected, everything, staging, progress, signal);
    return await commitSelected(staging, selected, totalBytes, skipped);
  } catch (error) {
    await staging.discard();
    if (error instanceof ArchiveError || error instanceof CancelledError) throw error;
    throw archiveError(file, undefined, `extraction failed: ${describeError(error)}`, error);
  }
}
