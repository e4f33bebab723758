// The files under the paths a scan is given: folders recursively, in name order; symbolic links
// are followed, but a folder already visited (a link loop) is not entered twice.
import { opendir, stat } from 'node:fs/promises';
import path from 'node:path';
import { CancelledError, UsageError } from '@rommer/core';

export interface WalkedFile {
  /** Absolute path. */
  path: string;
  size: number;
  /** Unix milliseconds, whole. */
  mtimeMs: number;
}

export interface WalkOptions {
  signal?: AbortSignal;
  /** Told about entries that cannot be read (permission denied, vanished). */
  onWarning?: (message: string) => void;
  /** Paths never to enter (the catalogue's own folder, for one). */
  exclude?: readonly string[];
}

const errorText = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** Every regular file under `paths`; a path that does not exist is a UsageError naming it. */
export async function walkPaths(paths: readonly string[], options: WalkOptions = {}): Promise<WalkedFile[]> {
  const files: WalkedFile[] = [];
  const visited = new Set<string>();
  const excluded = new Set((options.exclude ?? []).map((p) => path.resolve(p)));

  const visit = async (file: string, isRoot: boolean): Promise<void> => {
    if (options.signal?.aborted) throw new CancelledError('scan cancelled');
    if (excluded.has(file)) return;
    let info;
    try {
      info = await stat(file, { bigint: false });
    } catch (error) {
      if (isRoot) throw new UsageError(`${file}: cannot scan: ${errorText(error) === 'ENOENT' ? 'no such file or folder' : errorText(error)}`);
      options.onWarning?.(`${file}: skipped (${errorText(error)})`);
      return;
    }
    if (info.isFile()) {
      files.push({ path: file, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) });
      return;
    }
    if (!info.isDirectory()) return;
    const key = `${info.dev}:${info.ino}`;
    if (visited.has(key)) return;
    visited.add(key);
    let names: string[] = [];
    try {
      const dir = await opendir(file);
      for await (const entry of dir) names.push(entry.name);
    } catch (error) {
      if (isRoot) throw new UsageError(`${file}: cannot scan: ${errorText(error)}`);
      options.onWarning?.(`${file}: skipped (${errorText(error)})`);
      names = [];
    }
    names.sort();
    for (const name of names) await visit(path.join(file, name), false);
  };

  for (const root of paths) await visit(path.resolve(root), true);
  return files;
}
