// PostgreSQL's COPY text format: tab-separated columns, one row per line, \N for NULL, and
// backslash escapes for the characters that would break a row apart.

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One text column; null and undefined are NULL. */
export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value;
}

/** One integer column (a value that is not a safe integer is NULL). */
export function copyInteger(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : '\\N';
}

export function copyBoolean(value: boolean): string {
  return value ? 't' : 'f';
}
