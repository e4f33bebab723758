import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { detectArchiveFormat } from '@rommer/archive';

/** Something to import: a DAT file, or an archive whose DATs are imported. */
export interface ImportJob {
  kind: 'file' | 'archive';
  file: string;
  size: number;
}

/** What a folder import picks up: DATs by extension, and archives to open. */
const datExtension = /\.(dat|xml)$/i;
const archiveExtension = /\.(zip|7z)$/i;

/** Whether an archive entry is worth extracting as a DAT. */
export function isDatEntryName(name: string): boolean {
  return datExtension.test(name);
}

/**
 * Expands the paths given to `rommer import`: a file is taken as it is (an archive when its magic
 * bytes say so), a folder is walked recursively in name order, taking `.dat`/`.xml` files and
 * `.zip`/`.7z` archives and skipping hidden entries (such as `.staging`). A path that does not
 * exist comes back in `missing`.
 */
export async function collectFiles(paths: string[]): Promise<{ jobs: ImportJob[]; missing: { path: string; error: string }[] }> {
  const jobs: ImportJob[] = [];
  const missing: { path: string; error: string }[] = [];
  const seen = new Set<string>();
  const add = (job: ImportJob): void => {
    if (seen.has(job.file)) return;
    seen.add(job.file);
    jobs.push(job);
  };
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && (datExtension.test(entry.name) || archiveExtension.test(entry.name))) {
        add({ kind: archiveExtension.test(entry.name) ? 'archive' : 'file', file: full, size: (await stat(full)).size });
      }
    }
  }
  for (const given of paths) {
    const file = path.resolve(given);
    let info;
    try {
      info = await stat(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      missing.push({ path: file, error: code === 'ENOENT' ? `${file}: no such file or folder` : `${file}: ${(error as Error).message}` });
      continue;
    }
    if (info.isDirectory()) await walk(file);
    else {
      const format = await detectArchiveFormat(file).catch(() => 'unknown');
      add({ kind: format === 'zip' || format === '7z' ? 'archive' : 'file', file, size: info.size });
    }
  }
  return { jobs, missing };
}
