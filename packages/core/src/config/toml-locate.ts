/**
 * smol-toml reports syntax errors with a position but validation (zod) only knows a key path.
 * This finds where a key path is written so a validation error can name the line and column.
 * It understands the forms sources.conf uses: `[table.sub]` headers and `key = value` lines.
 */
export interface TextPosition {
  line: number;
  column: number;
}

const headerPattern = /^\s*\[\s*([^\]]+?)\s*\]/;
const keyPattern = /^(\s*)("?)([A-Za-z0-9_-]+)\2\s*=/;

function splitDotted(name: string): string[] {
  return name.split('.').map((part) => part.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1'));
}

function samePath(a: string[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((part, i) => part === String(b[i]));
}

export function locateTomlPath(text: string, keyPath: readonly (string | number)[]): TextPosition {
  const lines = text.split(/\r?\n/);
  let table: string[] = [];
  let best: TextPosition = { line: 1, column: 1 };
  let bestDepth = -1;
  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i] ?? '';
    const header = headerPattern.exec(raw);
    if (header?.[1] !== undefined) {
      table = splitDotted(header[1]);
      // A header that is a prefix of the path is a better answer than nothing.
      if (table.length <= keyPath.length && samePath(table, keyPath.slice(0, table.length)) && table.length > bestDepth) {
        best = { line: i + 1, column: raw.indexOf('[') + 1 };
        bestDepth = table.length;
      }
      continue;
    }
    const key = keyPattern.exec(raw);
    if (key?.[3] !== undefined) {
      const full = [...table, key[3]];
      if (full.length <= keyPath.length && samePath(full, keyPath.slice(0, full.length)) && full.length > bestDepth) {
        best = { line: i + 1, column: (key[1]?.length ?? 0) + 1 };
        bestDepth = full.length;
      }
    }
  }
  return best;
}
