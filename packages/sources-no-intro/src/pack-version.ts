/**
 * Versions of No-Intro packs. The pack's version is its date, carried in the file name DAT-o-MATIC
 * gives it (`No-Intro Love Pack (Standard DAT) (2026-11-20).zip`); each DAT inside carries its own
 * timestamp (`Nintendo - Game Boy (20261120-093512).dat`), which names the system it belongs to.
 */

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * The pack date (`YYYY-MM-DD`) in a pack's file name: the last `(YYYY-MM-DD)` group, so a browser's
 * " (1)" suffix or a time part (`(2026-11-20 10-11-12)`) does not hide it. Undefined when absent.
 */
export function packDateFromName(name: string): string | undefined {
  const base = name.split(/[\\/]/).pop() ?? name;
  // `(2026-11-20)`, `(2026-11-20 10-11-12)` or a DAT-style `(20261120-101112)`.
  const matches = [
    ...base.matchAll(/\((\d{4})-(\d{2})-(\d{2})(?:[ T_]\d{2}[-:.]\d{2}[-:.]\d{2})?\)|\((\d{4})(\d{2})(\d{2})(?:-\d{6})?\)/g),
  ].map((m) => (m[1] !== undefined ? [m[0], m[1], m[2], m[3]] : [m[0], m[4], m[5], m[6]]));
  for (const match of matches.reverse()) {
    const [, y, m, d] = match;
    if (isRealDate(Number(y), Number(m), Number(d))) return `${y}-${m}-${d}`;
  }
  return undefined;
}

export interface DatName {
  /** The system part: `Nintendo - Game Boy`. */
  system: string;
  /** `YYYYMMDD-HHMMSS`, when the name carries one. */
  stamp: string | undefined;
}

/** Splits `Nintendo - Game Boy (20261120-093512).dat` into its system and timestamp. */
export function parseDatName(fileName: string): DatName {
  const base = (fileName.split('/').pop() ?? fileName).replace(/\.dat$/i, '');
  const match = /^(.*?)\s*\((\d{8}-\d{6})\)$/.exec(base);
  if (match !== null) return { system: match[1]!, stamp: match[2]! };
  return { system: base, stamp: undefined };
}

/** The key a DAT keeps across updates: its folder and system, without the timestamp. */
export function systemKey(relativePath: string): string {
  const parts = relativePath.split('/');
  const file = parts.pop() ?? relativePath;
  return [...parts, parseDatName(file).system].join('/');
}

/** The newest DAT timestamp among `names`, as a date (`YYYY-MM-DD`): a pack's date when its name lost it. */
export function packDateFromDats(names: readonly string[]): string | undefined {
  let newest: string | undefined;
  for (const name of names) {
    const stamp = parseDatName(name).stamp;
    if (stamp !== undefined && (newest === undefined || stamp > newest)) newest = stamp;
  }
  if (newest === undefined) return undefined;
  const [y, m, d] = [newest.slice(0, 4), newest.slice(4, 6), newest.slice(6, 8)];
  return isRealDate(Number(y), Number(m), Number(d)) ? `${y}-${m}-${d}` : undefined;
}
