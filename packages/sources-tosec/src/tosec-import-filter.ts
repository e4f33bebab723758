import picomatch from 'picomatch';
import type { TosecConfig } from './config.js';

/** Drops the release folder (`TOSEC-v2025-03-13/`) that the globs are written without. */
function withinRelease(relativePath: string): string {
  const parts = relativePath.split(/[\\/]/);
  return /^TOSEC-v\d{4}-\d{2}-\d{2}$/.test(parts[0] ?? '') ? parts.slice(1).join('/') : parts.join('/');
}

/**
 * True when `import_paths` selects this DAT. Globs are relative to the release folder
 * (`TOSEC/Commodore Amiga*`); a glob naming a folder (`TOSEC-ISO`) takes everything under it.
 * No globs: every DAT (auto-import is off by default, so this only applies to an explicit --import).
 */
export function tosecImportFilter(relativePath: string, config: Pick<TosecConfig, 'import_paths'>): boolean {
  if (!/\.dat$/i.test(relativePath)) return false;
  const globs = config.import_paths ?? [];
  if (globs.length === 0) return true;
  const path = withinRelease(relativePath);
  const isMatch = picomatch(globs, { nocase: true, dot: true });
  const segments = path.split('/');
  // The file itself, or one of the folders holding it.
  return segments.some((_segment, index) => isMatch(segments.slice(0, index + 1).join('/')));
}

/** The staged files an import takes under `import_paths`. */
export function selectImportFiles(files: readonly string[], config: Pick<TosecConfig, 'import_paths'>): string[] {
  return files.filter((file) => tosecImportFilter(file, config));
}
