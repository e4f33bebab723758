/** Safety limits applied before and while an archive is read. */
export interface ArchiveLimits {
  /** Entries in the archive (files and folders). */
  maxEntries: number;
  /** Uncompressed bytes of all entries taken together (those selected, when extracting). */
  maxTotalBytes: number;
  /** Uncompressed bytes of any single entry. */
  maxEntryBytes: number;
  /** Uncompressed / compressed size, per entry (per solid block in 7z). */
  maxRatio: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Generous enough for the largest real packs (a ~100 MB TOSEC zip of a few thousand DATs, the
 * ~330 MB MAME ListXML, deflate ratios of 5–30 on XML), tight enough to stop a zip bomb.
 */
export const defaultArchiveLimits: ArchiveLimits = Object.freeze({
  maxEntries: 100_000,
  maxTotalBytes: 4 * GiB,
  maxEntryBytes: 2 * GiB,
  maxRatio: 200,
});

/**
 * Small entries may compress far beyond any sane ratio (1 KB of spaces) and are harmless, so the
 * ratio is only judged once an entry (or a 7z solid block) holds at least this many bytes.
 */
export const RATIO_MIN_BYTES = MiB;

export function resolveLimits(limits: Partial<ArchiveLimits> | undefined): ArchiveLimits {
  const merged = { ...defaultArchiveLimits, ...(limits ?? {}) };
  for (const [key, value] of Object.entries(merged)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new RangeError(`archive limit ${key} must be a non-negative number, got ${String(value)}`);
    }
  }
  return merged;
}
