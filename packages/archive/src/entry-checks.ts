import { archiveError } from './archive-error.js';
import type { ArchiveEntry, ScannedEntry } from './entry-model.js';
import { RATIO_MIN_BYTES, type ArchiveLimits } from './limits.js';
import { toSafeRelativePath } from './safe-path.js';

/** A scanned entry that passed the checks, with its safe path. */
export interface CheckedEntry extends ArchiveEntry {
  scanned: ScannedEntry;
}

export interface CheckedEntries {
  entries: CheckedEntry[];
  skipped: { name: string; reason: string }[];
}

// Control characters cannot be told apart or typed in a file name: such an entry is skipped,
// not fatal, so one badly encoded name never stops a whole pack.
const CONTROL_CHARS = /[\u0001-\u001f\u007f]/;

/**
 * Applies the safety rules to every entry: unsafe paths and symlinks throw; oversize entries and
 * suspicious ratios throw; unusable names are skipped with a warning.
 */
export function checkEntries(
  archive: string,
  scanned: readonly ScannedEntry[],
  limits: ArchiveLimits,
  onWarning: ((message: string) => void) | undefined,
): CheckedEntries {
  if (scanned.length > limits.maxEntries) {
    throw archiveError(archive, undefined, `has ${scanned.length} entries, more than the limit of ${limits.maxEntries}`);
  }
  const entries: CheckedEntry[] = [];
  const skipped: { name: string; reason: string }[] = [];
  // Entries (or 7z solid blocks) too small to judge alone are judged together: 300 entries of
  // 1 MiB - 1 zeros are a bomb however small each one is.
  const smallBases = new Set<{ bytes: number; packed: number }>();
  let firstSmall: ScannedEntry | undefined;
  for (const entry of scanned) {
    if (entry.nameWarning) onWarning?.(`${archive}: ${entry.nameWarning}`);
    if (CONTROL_CHARS.test(entry.rawName)) {
      const reason = 'name contains control characters (undecodable name); skipped';
      skipped.push({ name: entry.rawName, reason });
      onWarning?.(`${archive}: entry ${JSON.stringify(entry.rawName)}: ${reason}`);
      continue;
    }
    const safe = toSafeRelativePath(entry.rawName);
    if (!safe.ok) {
      // A folder entry of just "./" or "/" carries nothing to extract.
      if (entry.isDirectory && safe.reason === 'empty path') continue;
      throw archiveError(archive, entry.rawName, `unsafe path: ${safe.reason}`);
    }
    if (entry.isSymlink) throw archiveError(archive, entry.rawName, 'symbolic links are not allowed');
    if (!entry.isDirectory) {
      if (entry.size > limits.maxEntryBytes) {
        throw archiveError(archive, entry.rawName, `${entry.size} bytes uncompressed, more than the limit of ${limits.maxEntryBytes}`);
      }
      const { bytes, packed } = entry.ratioBasis;
      if (bytes >= RATIO_MIN_BYTES && bytes / Math.max(packed, 1) > limits.maxRatio) {
        const ratio = Math.round(bytes / Math.max(packed, 1));
        throw archiveError(
          archive,
          entry.rawName,
          `compression ratio ${ratio}:1 exceeds the limit of ${limits.maxRatio}:1 (a zip bomb?)`,
        );
      }
      if (bytes < RATIO_MIN_BYTES && !smallBases.has(entry.ratioBasis)) {
        smallBases.add(entry.ratioBasis);
        firstSmall ??= entry;
      }
    }
    entries.push({
      name: safe.path,
      size: entry.size,
      compressedSize: entry.compressedSize,
      isDirectory: entry.isDirectory,
      crc32: entry.isDirectory ? null : entry.crc32,
      scanned: entry,
    });
  }
  checkSmallEntries(archive, smallBases, firstSmall, limits);
  return { entries, skipped };
}

function checkSmallEntries(
  archive: string,
  bases: ReadonlySet<{ bytes: number; packed: number }>,
  first: ScannedEntry | undefined,
  limits: ArchiveLimits,
): void {
  let bytes = 0;
  let packed = 0;
  for (const basis of bases) {
    bytes += basis.bytes;
    packed += basis.packed;
  }
  if (first === undefined || bytes < RATIO_MIN_BYTES || bytes / Math.max(packed, 1) <= limits.maxRatio) return;
  const ratio = Math.round(bytes / Math.max(packed, 1));
  throw archiveError(
    archive,
    undefined,
    `${bases.size} small entries (the first ${JSON.stringify(first.rawName)}) expand to ${bytes} bytes from ${packed}: compression ratio ${ratio}:1 exceeds the limit of ${limits.maxRatio}:1 (a zip bomb?)`,
  );
}

/** Throws when the files about to be written exceed the total-size limit. */
export function checkTotalBytes(archive: string, entries: readonly ArchiveEntry[], limits: ArchiveLimits): number {
  let total = 0;
  for (const entry of entries) if (!entry.isDirectory) total += entry.size;
  if (total > limits.maxTotalBytes) {
    throw archiveError(archive, undefined, `${total} bytes uncompressed, more than the limit of ${limits.maxTotalBytes}`);
  }
  return total;
}

/** The public view of a checked entry. */
export function publicEntry(entry: CheckedEntry): ArchiveEntry {
  return { name: entry.name, size: entry.size, compressedSize: entry.compressedSize, isDirectory: entry.isDirectory, crc32: entry.crc32 };
}
