/**
 * Turns an archive entry name into a relative, '/'-separated path that cannot leave the folder it
 * is extracted into, or says why it cannot be done. Backslashes count as separators (Windows
 * tools write them), so `..\x` is caught like `../x`.
 */
export type SafePathResult = { ok: true; path: string } | { ok: false; reason: string };

export function toSafeRelativePath(name: string): SafePathResult {
  if (name.includes('\0')) return { ok: false, reason: 'name contains a NUL character' };
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return { ok: false, reason: 'absolute path' };
  if (/^[a-zA-Z]:/.test(slashed)) return { ok: false, reason: 'absolute path with a drive letter' };
  const parts: string[] = [];
  for (const part of slashed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return { ok: false, reason: 'path leads outside the destination folder (..)' };
    parts.push(part);
  }
  if (parts.length === 0) return { ok: false, reason: 'empty path' };
  return { ok: true, path: parts.join('/') };
}
