import { assertArchive } from './detect-format.js';
import { checkEntries, publicEntry } from './entry-checks.js';
import type { ArchiveEntry } from './entry-model.js';
import { resolveLimits, type ArchiveLimits } from './limits.js';
import { openZip } from './zip-reader.js';

export interface ListOptions {
  limits?: Partial<ArchiveLimits>;
  /** Told about entries skipped from the list (undecodable names) or read unusually. */
  onWarning?: (message: string) => void;
}

/**
 * The entries of a zip or 7z archive, after the same per-entry safety checks as extraction (an
 * unsafe path, a symlink, an oversize or bomb-like entry throws here already). maxTotalBytes is
 * not applied: it limits what one extraction writes, which depends on its filter.
 */
export async function listArchive(file: string, options: ListOptions = {}): Promise<ArchiveEntry[]> {
  const limits = resolveLimits(options.limits);
  const format = await assertArchive(file);
  if (format === '7z') {
    const { scanSevenZip } = await import('./seven-zip-reader.js');
    const scanned = await scanSevenZip(file);
    const { entries } = checkEntries(file, scanned.entries, limits, options.onWarning);
    return entries.map(publicEntry);
  }
  const zip = await openZip(file, limits);
  try {
    const { entries } = checkEntries(file, zip.entries, limits, options.onWarning);
    return entries.map(publicEntry);
  } finally {
    zip.close();
  }
}
