import { ArchiveError, CancelledError } from '@rommer/core';
import { archiveError, causeText } from './archive-error.js';
import { assertArchive } from './detect-format.js';
import { checkEntries, checkTotalBytes, publicEntry, type CheckedEntry } from './entry-checks.js';
import type { ArchiveEntry } from './entry-model.js';
import { resolveLimits, type ArchiveLimits } from './limits.js';
import { ProgressTracker, type ExtractProgress } from './progress.js';
import { Staging } from './staging.js';
import { openZip } from './zip-reader.js';
import { writeZipEntries } from './zip-extract.js';

export interface ExtractOptions {
  /** Return false to leave an entry out (e.g. everything that is not a DAT). */
  filter?: (entry: ArchiveEntry) => boolean;
  limits?: Partial<ArchiveLimits>;
  signal?: AbortSignal;
  onProgress?: (p: ExtractProgress) => void;
  /** Told about entries skipped or read unusually (e.g. a name that could not be decoded). */
  onWarning?: (message: string) => void;
}

export interface ExtractResult {
  /** Relative paths written, '/'-separated, in archive order. */
  files: string[];
  bytes: number;
  skipped: { name: string; reason: string }[];
}

/** Entries to write and the byte total, after the safety checks and the caller's filter. */
function select(
  file: string,
  checked: CheckedEntry[],
  options: ExtractOptions,
  limits: ArchiveLimits,
): { selected: CheckedEntry[]; totalBytes: number } {
  const selected = options.filter ? checked.filter((entry) => options.filter!(publicEntry(entry))) : checked;
  return { selected, totalBytes: checkTotalBytes(file, selected, limits) };
}

function toArchiveError(file: string, error: unknown, signal: AbortSignal | undefined): Error {
  if (error instanceof ArchiveError || error instanceof CancelledError) return error;
  if (signal?.aborted) return new CancelledError(`${file}: extraction cancelled`, { cause: error });
  return archiveError(file, undefined, `extraction failed: ${causeText(error)}`, error);
}

/**
 * Extracts into destDir (created if missing). Everything is written to a staging folder inside
 * destDir first and moved into place only when every entry was read and verified, so on any
 * failure destDir holds no partial files from this call.
 */
export async function extractArchive(file: string, destDir: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const limits = resolveLimits(options.limits);
  const { signal } = options;
  const format = await assertArchive(file);
  if (signal?.aborted) throw new CancelledError(`${file}: extraction cancelled`);
  try {
    if (format === 'zip') return await extractZip(file, destDir, options, limits);
    const { extractSevenZip } = await import('./seven-zip-extract.js');
    return await extractSevenZip(file, destDir, options, limits);
  } catch (error) {
    throw toArchiveError(file, error, signal);
  }
}

async function extractZip(file: string, destDir: string, options: ExtractOptions, limits: ArchiveLimits): Promise<ExtractResult> {
  const { signal } = options;
  const zip = await openZip(file, limits);
  try {
    const { entries, skipped } = checkEntries(file, zip.entries, limits, options.onWarning);
    const { selected, totalBytes } = select(file, entries, options, limits);
    const progress = new ProgressTracker(selected.length, totalBytes, options.onProgress);
    const staging = await Staging.create(destDir);
    try {
      await writeZipEntries(file, zip, selected, staging, progress, signal);
      return await commitSelected(staging, selected, progress.bytes, skipped);
    } catch (error) {
      await staging.discard();
      throw toArchiveError(file, error, signal);
    }
  } finally {
    zip.close();
  }
}

/** Moves the staged entries into place and builds the result. */
export async function commitSelected(
  staging: Staging,
  selected: readonly CheckedEntry[],
  bytes: number,
  skipped: { name: string; reason: string }[],
): Promise<ExtractResult> {
  const files = [...new Set(selected.filter((e) => !e.isDirectory).map((e) => e.name))];
  const dirs = [...new Set(selected.filter((e) => e.isDirectory).map((e) => e.name))];
  await staging.commit(files, dirs);
  return { files, bytes, skipped };
}

export { select as selectEntries, toArchiveError };
