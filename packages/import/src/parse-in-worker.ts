import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '@rommer/core/errors';
import { DatFormatError } from './errors.js';
import { parseDat, type ParseDatOptions, type ParseDatResult } from './parse-dat.js';
import { unpackGames, type WorkerInput, type WorkerMessage } from './worker-protocol.js';

/** Below this size a worker's start-up costs more than the overlap gains. */
const WORKER_MIN_BYTES = 16 * 1024 * 1024;

const workerScript = fileURLToPath(new URL('./parse-worker.js', import.meta.url));

/**
 * A second thread pays whenever the machine has a second core, busy or not: parsing and writing
 * overlap, and on a loaded machine two runnable threads get more of its time than one (the load
 * average said nothing about the next seconds and kept big imports on one thread).
 */
function hasSecondCore(): boolean {
  return os.availableParallelism() >= 2;
}

/**
 * parseDat with the parse on a worker thread when the file is big, there is a second core and the compiled
 * worker exists (not when running from TypeScript sources), else in this thread.
 * `ROMMER_PARSE_WORKER=never|always` overrides the choice (for measurements). Callbacks run on this thread either way; unlike parseDat's, they cannot stop
 * the parse (the importer reads whole files; sniff uses parseDat).
 */
export async function parseDatOffThread(
  file: string,
  size: number,
  options: Omit<ParseDatOptions, 'onHeader' | 'onGame'> & {
    onHeader?: NonNullable<ParseDatOptions['onHeader']>;
    onGame?: NonNullable<ParseDatOptions['onGame']>;
    worker?: 'auto' | 'never' | 'always';
    /** Told, per batch consumed, how many batches the parser has posted that are not consumed yet. */
    onBacklog?: (unreadBatches: number) => void;
    /** The compiled worker entry (default: parse-worker.js beside this module). */
    workerScript?: string;
    /**
     * No callback runs before this settles (it rejects: the parse is abandoned with its error).
     * With a worker, parsing starts at once meanwhile, a few batches ahead: the importer hashes the
     * file on this thread while the worker begins to parse.
     */
    startWhen?: Promise<unknown>;
  } = {},
): Promise<ParseDatResult> {
  const envMode = process.env['ROMMER_PARSE_WORKER'];
  const mode = options.worker ?? (envMode === 'never' || envMode === 'always' ? envMode : 'auto');
  const script = options.workerScript ?? workerScript;
  if (mode === 'never' || !existsSync(script) || (mode === 'auto' && (size < WORKER_MIN_BYTES || !hasSecondCore()))) {
    await options.startWhen;
    return parseDat(file, options);
  }
  const consumed = new SharedArrayBuffer(8);
  const counter = new Int32Array(consumed);
  const input: WorkerInput = { file, consumed };
  const worker = new Worker(script, {
    workerData: input,
    // The parser keeps little alive (a few batches): a small young generation saves ~25 MB of RSS.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const { signal } = options;
  return new Promise<ParseDatResult>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, result?: ParseDatResult): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error === undefined) resolve(result!);
      else reject(error as Error);
    };
    const onAbort = (): void => finish(new CancelledError(`import of ${file} cancelled`));
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();
    const handle = (message: WorkerMessage): void => {
      switch (message.type) {
        case 'header':
          options.onHeader?.(message.header, message.format);
          break;
        case 'games':
        case 'packed': {
          const games = message.type === 'games' ? message.games : unpackGames(message.packed);
          for (const game of games) options.onGame?.(game);
          const consumedBefore = Atomics.add(counter, 0, 1);
          Atomics.notify(counter, 0);
          options.onBacklog?.(Atomics.load(counter, 1) - consumedBefore - 1);
          break;
        }
        case 'bytes':
          options.onBytes?.(message.bytes);
          break;
        case 'done':
          options.onBytes?.(message.result.bytes);
          finish(undefined, message.result);
          break;
        case 'error':
          finish(
            message.datFormat
              ? new DatFormatError(message.message, { file, ...(message.line !== undefined ? { line: message.line } : {}) })
              : new Error(message.message),
          );
          break;
      }
    };
    // Messages wait here until startWhen settles; the worker's back-pressure bounds the queue.
    let queue: WorkerMessage[] | undefined = options.startWhen === undefined ? undefined : [];
    const deliver = (message: WorkerMessage): void => {
      if (settled) return;
      try {
        handle(message);
      } catch (error) {
        finish(error);
      }
    };
    options.startWhen?.then(
      () => {
        const waiting = queue ?? [];
        queue = undefined;
        for (const message of waiting) deliver(message);
      },
      (error: unknown) => finish(error),
    );
    worker.on('message', (message: WorkerMessage) => {
      if (queue !== undefined) queue.push(message);
      else deliver(message);
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new Error(`the parser thread for ${file} stopped (exit code ${code})`)));
  });
}
