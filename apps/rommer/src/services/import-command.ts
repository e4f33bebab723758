import { humanText, UsageError, type ChangeCounts, type ProgressUpdate } from '@rommer/core';
import { catalogueTarget, openCatalogueStore } from './catalog.js';
import { changeCounts } from './change-text.js';
import { loadCommandContext } from './context.js';
import { CANCELLED_EXIT_CODE, printLine } from './output.js';

export interface ImportFlags {
  json?: boolean | undefined;
  config?: string | undefined;
  dataDir?: string | undefined;
}

export interface ImportCommandIo {
  print: (line: string) => void;
  /** A failed file's line (stderr); `print` when absent. */
  error?: (line: string) => void;
  /** Aborted by Ctrl-C: the DAT being imported is rolled back. */
  signal?: AbortSignal;
  /** Where the live progress line goes; undefined for none (not a TTY, or --json). */
  progress?: NodeJS.WriteStream | undefined;
  env?: Record<string, string | undefined>;
}

interface FileRow {
  path: string;
  key: string;
  status: 'imported' | 'unchanged' | 'failed';
  format?: string;
  games: number;
  roms: number;
  disks: number;
  changes?: ChangeCounts;
  error?: string;
  warnings?: string[];
}

const count = (n: number) => n.toLocaleString('en-US');

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** A one-line progress display on a terminal, redrawn at most ten times a second. */
function progressLine(stream: NodeJS.WriteStream): { update(u: ProgressUpdate): void; clear(): void } {
  let last = 0;
  let shown = false;
  return {
    update(u) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      const item = humanText(u.item ?? '');
      const text = `importing ${u.items ?? 0}/${u.totalItems ?? 0}  ${megabytes(u.bytes ?? 0)} / ${megabytes(u.totalBytes ?? 0)}  ${item}`;
      stream.write(`\r${text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width)}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write(`\r${' '.repeat(Math.max(20, (stream.columns ?? 80) - 1))}\r`);
    },
  };
}

/**
 * `rommer import <path…>`: imports DAT files, folders and zip/7z archives into the catalogue at
 * `<data>/rommer.db`. Prints one line per file and a summary (or one JSON object with --json).
 * Returns 1 when a file failed, 0 otherwise.
 */
export async function runImportCommand(
  paths: string[],
  flags: ImportFlags,
  io: ImportCommandIo = { print: printLine, progress: process.stderr.isTTY ? process.stderr : undefined },
): Promise<number> {
  if (paths.length === 0) throw new UsageError('import: name at least one DAT file, folder, zip or 7z archive');
  if (paths.some((p) => p.trim() === '')) throw new UsageError('import: an empty path was given');
  const ctx = await loadCommandContext({ config: flags.config, dataDir: flags.dataDir }, io.env ?? process.env);
  const rommerPaths = ctx.paths;
  const { importPaths } = await import('@rommer/import');
  const store = await openCatalogueStore(catalogueTarget(rommerPaths, ctx.config, ctx.env));
  const live = flags.json === true || io.progress === undefined ? undefined : progressLine(io.progress);
  // The caller's signal as it is: one that was aborted while the catalogue opened must still stop
  // the batch (listening for a later 'abort' event would miss it). Alone, the command listens itself.
  const own = new AbortController();
  const signal = io.signal ?? own.signal;
  const onSigint = () => own.abort();
  if (io.signal === undefined) {
    process.once('SIGINT', onSigint);
    process.once('SIGTERM', onSigint);
  }
  let files: FileRow[];
  let cancelled = false;
  try {
    const result = await importPaths(paths, {
      store,
      datsDir: rommerPaths.datsDir,
      signal,
      ...(live ? { onProgress: (u: ProgressUpdate) => live.update(u) } : {}),
    });
    files = result.files;
    cancelled = result.cancelled === true;
  } finally {
    live?.clear();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await store.close();
  }
  const tally = { imported: 0, unchanged: 0, failed: 0 };
  for (const file of files) tally[file.status]++;
  if (flags.json === true) {
    io.print(
      JSON.stringify(
        {
          files: files.map((f) => ({
            path: f.path,
            key: f.key,
            status: f.status,
            format: f.format ?? null,
            games: f.games,
            roms: f.roms,
            disks: f.disks,
            changes: f.changes ?? null,
            error: f.error ?? null,
            warnings: f.warnings ?? [],
          })),
          ...tally,
        },
        null,
        2,
      ),
    );
  } else {
    for (const f of files) {
      if (f.status === 'failed') (io.error ?? io.print)(`failed     ${f.error ?? f.path}`);
      else {
        const changes = f.changes !== undefined ? `; ${changeCounts(f.changes)} games` : '';
        io.print(`${f.status.padEnd(10)} ${f.key}  (${count(f.games)} games, ${count(f.roms)} roms${f.disks > 0 ? `, ${count(f.disks)} disks` : ''}${changes})`);
      }
      for (const warning of f.warnings ?? []) io.print(`  warning  ${warning}`);
    }
    const total = files.reduce((sum, f) => sum + (f.status === 'imported' ? f.games : 0), 0);
    io.print(
      `Imported ${tally.imported}, unchanged ${tally.unchanged}, failed ${tally.failed}` +
        (tally.imported > 0 ? ` (${count(total)} games written)` : '') +
        ` — catalogue ${store.location}`,
    );
  }
  if (cancelled) {
    // What was kept, truthfully: every DAT listed above is committed; the one in progress was rolled back.
    io.print(`Cancelled: the ${tally.imported + tally.unchanged} DAT${tally.imported + tally.unchanged === 1 ? '' : 's'} listed above are in the catalogue; the DAT being imported when stopped was rolled back, the rest were not started.`);
    return CANCELLED_EXIT_CODE;
  }
  return tally.failed > 0 ? 1 : 0;
}
