import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractArchive } from '@rommer/archive';
import { CancelledError, describeError } from '@rommer/core/errors';
import type { ProgressUpdate } from '@rommer/core';
import type { Store } from '@rommer/store';
import { collectFiles, isDatEntryName } from './collect-files.js';
import { datKey } from './dat-key.js';
import { importDat, type ImportedDat } from './import-dat.js';

export interface ImportPathsOptions {
  store: Store;
  /** `<data>/dats`: DATs inside it are keyed by their relative path. */
  datsDir: string;
  /** The source the DATs belong to, or null (the default) for a user import. */
  source?: string | null;
  /** The source's version these files come from (recorded with their change sets). */
  sourceVersion?: string;
  /** Identities for some files (by the path given), where the source defines its own. */
  identities?: ReadonlyMap<string, string>;
  signal?: AbortSignal;
  onProgress?: (update: ProgressUpdate) => void;
  /** Files under `staged` are keyed and named as the same paths under `target` (see Importer.importFiles). */
  stagedAs?: { staged: string; target: string };
}

export interface ImportPathsResult {
  files: ImportedDat[];
  /** The signal stopped the batch: `files` are the DATs finished before it (each committed or not written). */
  cancelled?: boolean;
}

/**
 * Imports DAT files, folders (recursively) and zip/7z archives, one transaction per DAT. A file that
 * fails is reported with its reason and the rest go on; only cancellation stops the batch.
 * DATs inside an archive are keyed `<archive key>/<entry path>`.
 */
export async function importPaths(paths: string[], options: ImportPathsOptions): Promise<ImportPathsResult> {
  const { store, datsDir, signal, onProgress, stagedAs } = options;
  const finalPath = (file: string): string => {
    if (stagedAs === undefined) return file;
    const inside = path.relative(stagedAs.staged, file);
    return inside.startsWith('..') || path.isAbsolute(inside) ? file : path.join(stagedAs.target, inside);
  };
  const source = options.source ?? null;
  const { jobs, missing } = await collectFiles(paths);
  const files: ImportedDat[] = missing.map((m) => ({ path: m.path, key: m.path, status: 'failed', games: 0, roms: 0, disks: 0, error: m.error }));
  let totalBytes = jobs.reduce((sum, job) => sum + job.size, 0);
  let doneBytes = 0;
  let items = 0;
  let totalItems = jobs.length;
  const progress = (update: Omit<ProgressUpdate, 'phase'>): void =>
    onProgress?.({ phase: 'importing', totalBytes, items, totalItems, ...update });

  /** Why the catalogue took no more writes, once a DAT found it unavailable: the rest are not tried. */
  let unavailable: string | undefined;
  const importOne = async (file: string, key: string, shown: string, size: number, identity?: string): Promise<void> => {
    if (signal?.aborted) throw new CancelledError('import cancelled');
    if (unavailable !== undefined) {
      files.push({ path: shown, key, status: 'failed', games: 0, roms: 0, disks: 0, error: `${shown}: not tried: ${unavailable}`, catalogueFailed: true, catalogueUnavailable: true });
      doneBytes += size;
      items++;
      return;
    }
    progress({ bytes: doneBytes, item: shown });
    const outcome = await importDat(file, {
      store,
      key,
      source,
      ...(options.sourceVersion !== undefined ? { sourceVersion: options.sourceVersion } : {}),
      ...(identity !== undefined ? { identity } : {}),
      ...(signal ? { signal } : {}),
      ...(shown !== file ? { shownAs: shown } : {}),
      onBytes: (bytes) => progress({ bytes: doneBytes + bytes, item: shown }),
    });
    doneBytes += size;
    items++;
    files.push({ ...outcome, path: shown });
    // One lock timeout is enough to know: waiting it out again for every DAT would only delay the same answer.
    if (outcome.catalogueUnavailable === true) unavailable = `the catalogue took no write after ${shown} (${outcome.error ?? 'unknown error'})`;
    progress({ bytes: doneBytes, item: shown });
  };

  try {
    await importJobs();
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    return { files, cancelled: true };
  }
  return { files };

  async function importJobs(): Promise<void> {
  for (const job of jobs) {
    const key = datKey(finalPath(job.file), datsDir);
    if (job.kind === 'file') {
      await importOne(job.file, key, finalPath(job.file), job.size, options.identities?.get(job.file));
      continue;
    }
    if (unavailable !== undefined) {
      files.push({ path: job.file, key, status: 'failed', games: 0, roms: 0, disks: 0, error: `${job.file}: not tried: ${unavailable}`, catalogueFailed: true, catalogueUnavailable: true });
      items++;
      doneBytes += job.size;
      continue;
    }
    const temp = await mkdtemp(path.join(os.tmpdir(), 'rommer-import-'));
    try {
      progress({ bytes: doneBytes, item: job.file, message: 'extracting' });
      let extracted;
      const archiveWarnings: string[] = [];
      try {
        extracted = await extractArchive(job.file, temp, {
          filter: (entry) => !entry.isDirectory && isDatEntryName(entry.name),
          onWarning: (message) => archiveWarnings.push(message),
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        files.push({ path: job.file, key, status: 'failed', games: 0, roms: 0, disks: 0, error: describeError(error) });
        items++;
        doneBytes += job.size;
        continue;
      }
      if (extracted.files.length === 0) {
        files.push({
          path: job.file,
          key,
          status: 'failed',
          games: 0,
          roms: 0,
          disks: 0,
          error: `${job.file}: the archive holds no .dat or .xml file`,
          ...(archiveWarnings.length > 0 ? { warnings: archiveWarnings } : {}),
        });
        items++;
        doneBytes += job.size;
        continue;
      }
      // The archive's own bytes are replaced by what it unpacked to.
      totalBytes += extracted.bytes - job.size;
      totalItems += extracted.files.length - 1;
      for (const [index, entry] of extracted.files.entries()) {
        const file = path.join(temp, ...entry.split('/'));
        const { size } = await stat(file);
        await importOne(file, `${key}/${entry}`, `${finalPath(job.file)}/${entry}`, size);
        // What the archive skipped (a name with control characters) is told with its first DAT.
        if (index === 0 && archiveWarnings.length > 0) {
          const outcome = files[files.length - 1]!;
          outcome.warnings = [...archiveWarnings, ...(outcome.warnings ?? [])];
        }
      }
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }
  }
}
