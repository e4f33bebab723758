// When a bulk import writes its rows without the secondary indexes (and, on PostgreSQL, without the
// ROM and disk foreign keys) and builds them once at the end: sorting once costs less than keeping
// every index up to date row by row, but only when the DAT brings a good part of the catalogue.

/** Bytes of DAT per ROM row, on the small side (MAME ListXML: ~490; Logiqx: ~250–400). */
const BYTES_PER_ROM_ESTIMATE = 256;
/** Below this, index upkeep is too small to be worth dropping and rebuilding the indexes. */
const DEFER_INDEXES_MIN_BYTES = 8 * 1024 * 1024;

/**
 * The most catalogue ROM rows (besides the version being replaced) at which an import of `size`
 * bytes still defers its indexes, or null when the DAT is too small to defer at all. The rebuild
 * then sorts at most about twice the rows the DAT adds.
 */
export function deferIndexesUpTo(size: number, replacedRoms: number): number | null {
  if (size < DEFER_INDEXES_MIN_BYTES) return null;
  // The rows of the version being replaced (kept until commit for its change set) do not count.
  return Math.floor(size / BYTES_PER_ROM_ESTIMATE) + replacedRoms;
}
