// `scan`: walk the paths, hash what the cache cannot vouch for, identify every file and archive
// entry against the catalogue, record the run, and summarise have/missing per DAT.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { detectArchiveFormat, type ArchiveLimits } from '@rommer/archive';
import { CancelledError, RommerError } from '@rommer/core';
import type { DatRecord, ScanFileInput, ScanFileRecord, ScanStore, Store } from '@rommer/store';
import { scanArchive, toScanInput } from './archive-scan.js';
import type { HashOptions } from './content-hasher.mjs';
import { createHashPool, type HashPool } from './hash-pool.js';
import { Identifier } from './identify.js';
import { cacheStillServes } from './matcher.js';
import type { DatSummary, ScannedFile } from './types.js';
import { walkPaths, type WalkedFile } from './walk.js';

export interface ScanProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  /** Files the cache answered for without reading them. */
  cachedFiles: number;
}

export type ScanEvent =
  | { type: 'walked'; files: number; bytes: number }
  | ({ type: 'progress' } & ScanProgress)
  | { type: 'file'; file: ScannedFile }
  | { type: 'warning'; message: string };

export interface ScanOptions {
  /** The catalogue to identify files against. */
  store: Store;
  /** Where the hashes and runs are kept: by default the catalogue's own (SQLite); the data folder's file for a PostgreSQL one. */
  cache?: ScanStore;
  paths: readonly string[];
  /** Hash every byte of archive entries too (default: trust the zip/7z directory's CRC-32 where it matches). */
  full?: boolean;
  /** Match only against these DATs (and summarise them even when nothing matched). */
  dats?: readonly DatRecord[];
  signal?: AbortSignal;
  onEvent?: (event: ScanEvent) => void;
  /** Hash worker threads (default: one per core, at most four). */
  workers?: number;
  archiveLimits?: Partial<ArchiveLimits>;
  /** Scratch space for 7z entries (default: the system's temp folder). */
  workDir?: string;
  /** Paths the walk must not enter. */
  exclude?: readonly string[];
}

export interface ScanResult {
  runId: number;
  status: 'complete' | 'cancelled';
  /** Files and archive entries identified or not. */
  files: number;
  matched: number;
  unknown: number;
  dats: DatSummary[];
  cachedFiles: number;
  /** Files that could not be read (told as warnings). */
  failed: number;
}

/** How many files are saved to the cache per transaction. */
const SAVE_BATCH = 256;
const errorLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

export async function scanCollection(options: ScanOptions): Promise<ScanResult> {
  const { store, signal } = options;
  const cache = options.cache ?? store.scan;
  const full = options.full === true;
  const emit = options.onEvent ?? (() => undefined);
  const warn = (message: string) => emit({ type: 'warning', message });
  const allDats = await store.lookup.dats();
  const identifier = new Identifier(store.lookup, allDats, options.dats ?? null);
  const weak = await store.lookup.weakHashSizes();
  const hashOptions: HashOptions = { md5Sizes: weak.md5, sha256Sizes: weak.sha256 };

  // A path that does not exist fails before a run is recorded; a cancelled walk ends the run.
  for (const p of options.paths) await stat(p).catch(() => walkPaths([p]));
  const runId = cache.beginRun(
    options.paths.map((p) => path.resolve(p)),
    full,
  );
  let walked: WalkedFile[];
  try {
    walked = await walkPaths(options.paths, { signal, onWarning: warn, exclude: options.exclude });
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    cache.finishRun(runId, 'cancelled', { files: 0, matched: 0, unknown: 0 });
    return { runId, status: 'cancelled', files: 0, matched: 0, unknown: 0, failed: 0, dats: [], cachedFiles: 0 };
  }
  const totalBytes = walked.reduce((sum, f) => sum + f.size, 0);
  emit({ type: 'walked', files: walked.length, bytes: totalBytes });

  const progress: ScanProgress = { files: 0, totalFiles: walked.length, bytes: 0, totalBytes, cachedFiles: 0 };
  let lastProgress = 0;
  const tick = (force = false) => {
    const now = Date.now();
    if (!force && now - lastProgress < 100) return;
    lastProgress = now;
    emit({ type: 'progress', ...progress });
  };
  const counts = { files: 0, matched: 0, unknown: 0, failed: 0 };
  let pool: HashPool | undefined;
  const pending: { file: WalkedFile; rows: ScanFileInput[] | null; fileSize: number; mtimeMs: number }[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending.splice(0);
    cache.transaction(() => {
      for (const item of batch) {
        if (item.rows === null) cache.markSeen(runId, item.file.path);
        else cache.saveFile(runId, item.file.path, item.fileSize, item.mtimeMs, item.rows);
      }
    });
  };
  const onAbort = () => void pool?.close();
  signal?.addEventListener('abort', onAbort, { once: true });

  const fromCache = (file: WalkedFile): ScanFileRecord[] | null => {
    const rows = cache.cachedFile(file.path);
    if (rows.length === 0) return null;
    const valid = rows.every((row) => row.fileSize === file.size && row.fileMtime === file.mtimeMs && cacheStillServes(row, weak, full));
    return valid ? rows : null;
  };

  const processFile = async (file: WalkedFile): Promise<void> => {
    let rows: ScanFileInput[] | null = fromCache(file);
    let fileSize = file.size;
    let mtimeMs = file.mtimeMs;
    const cached = rows !== null;
    if (rows === null) {
      const format = await detectArchiveFormat(file.path);
      if (format === 'zip' || format === '7z') {
        rows = await scanArchive(file.path, {
          format,
          full,
          hashOptions,
          knowsCrc: (size, crc) => identifier.knowsCrc(size, crc),
          limits: options.archiveLimits,
          signal,
          workDir: options.workDir,
          onBytes: () => undefined,
          onWarning: warn,
        });
      } else {
        pool ??= createHashPool(options.workers);
        const digest = await pool.hash(file.path, hashOptions, (bytes) => {
          progress.bytes += bytes;
          tick();
        });
        progress.bytes -= digest.fileSize;
        rows = [toScanInput(null, digest)];
        fileSize = digest.fileSize;
        mtimeMs = digest.mtimeMs;
      }
    } else {
      progress.cachedFiles++;
    }
    if (signal?.aborted) return;
    pending.push({ file, rows: cached ? null : rows, fileSize, mtimeMs });
    if (pending.length >= SAVE_BATCH) flush();
    for (const row of rows) {
      const identified = await identifier.identify(file.path, row);
      counts.files++;
      if (identified.matches.length > 0) counts.matched++;
      else counts.unknown++;
      emit({ type: 'file', file: identified });
    }
  };

  let next = 0;
  const lane = async () => {
    while (next < walked.length && !signal?.aborted) {
      const file = walked[next++]!;
      try {
        await processFile(file);
      } catch (error) {
        if (signal?.aborted) break;
        counts.failed++;
        warn(error instanceof RommerError ? error.message : `${file.path}: cannot scan: ${errorLine(error)}`);
      }
      progress.files++;
      progress.bytes += file.size;
      tick();
    }
  };
  try {
    const lanes = Math.max(1, options.workers ?? 4) + 1;
    await Promise.all(Array.from({ length: lanes }, lane));
    flush();
    tick(true);
    const status = signal?.aborted ? 'cancelled' : 'complete';
    cache.finishRun(runId, status, counts);
    return { runId, status, ...counts, dats: await identifier.summary(), cachedFiles: progress.cachedFiles };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool?.close();
  }
}
