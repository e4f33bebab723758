import path from 'node:path';

/**
 * A DAT's identity in the catalogue: its path relative to `<data>/dats/` ('/'-separated) when it
 * lives there, else its absolute path. Two DATs with the same file name in different folders
 * (libretro's metadat/no-intro and metadat/tosec) are therefore different DATs.
 */
export function datKey(file: string, datsDir: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(path.resolve(datsDir), absolute);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  return absolute;
}

/** The file a key names (the inverse of datKey). */
export function keyToPath(key: string, datsDir: string): string {
  return path.isAbsolute(key) ? key : path.join(datsDir, ...key.split('/'));
}
