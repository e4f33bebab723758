import { ArchiveError } from './errors.js';
import { CancelledError } from '@rommer/core/errors';
import { describeError } from '@rommer/core/errors';
import { archiveError } from './archive-error.js';
import { checkTotalBytes, publicEntry, type CheckedEntry } from './entry-checks.js';
import type { ArchiveEntry } from './entry-model.js';
import type { ArchiveLimits } from './limits.js';
import type { ExtractProgress } from './progress.js';
import type { Staging } from './staging.js';

// What zip and 7z extraction share: the options and result, the selection, the commit.

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
export function selectEntries(
  file: string,
  checked: CheckedEntry[],
  options: ExtractOptions,
  limits: ArchiveLimits,
): { selected: CheckedEntry[]; totalBytes: number } {
  const { filter } = options;
  const selected = filter ? checked.filter((entry) => filter(publicEntry(entry))) : checked;
  return { selected, totalBytes: checkTotalBytes(file, selected, limits) };
}

export function toArchiveError(file: string, error: unknown, signal: AbortSignal | undefined): Error {
  if (error instanceof ArchiveError || error instanceof CancelledError) return error;
  if (signal?.aborted) return new CancelledError(`${file}: extraction cancelled`, { cause: error });
  return archiveError(file, undefined, `extraction failed: ${describeError(error)}`, error);
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

