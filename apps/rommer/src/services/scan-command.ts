import { UsageError } from '@rommer/core';
import type { ScanEvent, ScanProgress } from '@rommer/scan';
import { CANCELLED_EXIT_CODE, printLine } from './output.js';
import { loadCommandContext } from './context.js';
import { openCatalogue, selectDats } from './scan-catalogue.js';
import { datLine, fileJson, fileLine, progressText, summaryJson, totalsLine } from './scan-output.js';

/** `rommer scan` flags as pastel hands them over: unvalidated. */
export interface ScanFlags {
  json?: boolean | undefined;
  dat?: string | undefined;
  source?: string | undefined;
  full?: boolean | undefined;
  config?: string | undefined;
  dataDir?: string | undefined;
}

export interface ScanCommandIo {
  print: (line: string) => void;
  /** Warnings (stderr). */
  warn: (line: string) => void;
  /** Where the live progress line goes; undefined for none (not a terminal, or --json). */
  progress?: NodeJS.WriteStream | undefined;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/**
 * A one-line progress display at the bottom: other lines are printed above it (it is cleared,
 * the line printed, and it is drawn again), so it stays visible while files scroll past.
 */
function progressLine(stream: NodeJS.WriteStream) {
  const started = Date.now();
  let shown = false;
  let last: ScanProgress | null = null;
  const width = () => Math.max(20, (stream.columns ?? 80) - 1);
  const draw = () => {
    if (last === null) return;
    const text = progressText(last, Date.now() - started);
    stream.write(`\r${text.length > width() ? `${text.slice(0, width() - 1)}…` : text.padEnd(width())}`);
    shown = true;
  };
  const clear = () => {
    if (shown) stream.write(`\r${' '.repeat(width())}\r`);
    shown = false;
  };
  return {
    update(p: ScanProgress) {
      last = p;
      draw();
    },
    above(print: () => void) {
      clear();
      print();
      draw();
    },
    clear,
  };
}

/**
 * `rommer scan PATH… [--json] [--dat TEXT] [--source ID] [--full]`: identifies every file and
 * archive entry under the paths against the catalogue. Exit 0; 1 when a file could not be read;
 * 130 when interrupted (what was hashed so far is kept in the cache).
 */
export async function runScanCommand(
  paths: string[],
  flags: ScanFlags,
  io: ScanCommandIo = {
    print: printLine,
    warn: (line) => process.stderr.write(`${line}\n`),
    progress: process.stderr.isTTY ? process.stderr : undefined,
  },
): Promise<number> {
  if (paths.length === 0) throw new UsageError('scan: name at least one file or folder to scan');
  if (paths.some((p) => p.trim() === '')) throw new UsageError('scan: an empty path was given');
  const json = flags.json === true;
  const catalogue = await openCatalogue(await loadCommandContext(flags, io.env ?? process.env));
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  io.signal?.addEventListener('abort', onSigint, { once: true });
  // Aborted while the catalogue opened: the 'abort' event has already fired.
  if (io.signal?.aborted === true) controller.abort();
  process.once('SIGINT', onSigint);
  const live = json || io.progress === undefined ? undefined : progressLine(io.progress);
  try {
    const dats = await selectDats(catalogue.store, catalogue.paths, flags);
    const { scanCollection } = await import('@rommer/scan');
    const onEvent = (event: ScanEvent) => {
      if (event.type === 'progress') return live?.update(event);
      if (event.type === 'walked') return;
      const print = () => (event.type === 'warning' ? io.warn(`rommer: warning: ${event.message}`) : io.print(json ? fileJson(event.file) : fileLine(event.file)));
      if (live) live.above(print);
      else print();
    };
    const result = await scanCollection({
      store: catalogue.store,
      cache: catalogue.cache,
      paths,
      full: flags.full === true,
      ...(dats === null ? {} : { dats }),
      signal: controller.signal,
      exclude: [catalogue.paths.dataDir],
      onEvent,
    });
    live?.clear();
    if (json) io.print(summaryJson(result));
    else {
      io.print(totalsLine(result));
      for (const dat of result.dats) io.print(datLine(dat));
      if (result.dats.length === 0 && result.files > 0) io.print('No file matched a DAT in the catalogue.');
    }
    if (result.status === 'cancelled') {
      io.warn('rommer: scan interrupted; the files hashed so far are cached');
      return CANCELLED_EXIT_CODE;
    }
    return result.failed > 0 ? 1 : 0;
  } finally {
    live?.clear();
    process.off('SIGINT', onSigint);
    await catalogue.close();
  }
}
