/**
 * Sizes as DATs write them: `2347`, `"2347"`, `2,347`, `0x800` (some ClrMamePro tools). Anything
 * else (empty, `-`, garbage) is unknown rather than an error: a bad size must not lose the DAT.
 */
export function parseSize(raw: string | undefined | null): number | null {
  if (raw === undefined || raw === null) return null;
  const text = raw.trim().replace(/[,_]/g, '');
  if (/^\d+$/.test(text)) return Number(text);
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  return null;
}

/** Empty attribute values mean "not given". */
export function orNull(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

/** `yes`/`1`/`true` as XML DATs spell their booleans. */
export function isYes(value: string | undefined): boolean {
  return value === 'yes' || value === '1' || value === 'true';
}
