// Hashes are stored one way only, so a look-up never has to guess the case or the padding.

/** Lower-case, trimmed hex; null for absent or empty values. */
export function normaliseHash(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.toLowerCase();
}

const HEX = /^[0-9a-f]+$/;

/** Like normaliseHash, and a CRC32 shorter than 8 hex digits gets its leading zeros back. */
export function normaliseCrc(value: string | null | undefined): string | null {
  const hash = normaliseHash(value);
  if (hash === null || hash.length >= 8 || !HEX.test(hash)) return hash;
  return hash.padStart(8, '0');
}
