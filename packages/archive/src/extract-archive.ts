import { CancelledError } from '@rommer/core/errors';
import { assertArchive } from './detect-format.js';
import { checkEntries } from './entry-checks.js';
import { commitSelected, selectEntries, toArchiveError, type ExtractOptions, type ExtractResult } from './extract-common.js';
import { resolveLimits, type ArchiveLimits } from './limits.js';
import { ProgressTracker } from './progress.js';
import { Staging } from './staging.js';
import { openZip } from './zip-reader.js';
import { writeZipEntries } from './zip-extract.js';

export type { ExtractOptions, ExtractResult } from './extract-common.js';

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
    const { selected, totalBytes } = selectEntries(file, entries, options, limits);
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
