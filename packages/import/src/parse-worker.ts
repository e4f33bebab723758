// Worker-thread entry: parses one DAT and posts its games in batches to the thread that writes
// them, so parsing and SQLite writing run on two cores. A shared counter gives back-pressure: the
// parser waits while too many batches are unread, keeping memory bounded however slow the writer.
import { parentPort, workerData } from 'node:worker_threads';
import { DatFormatError } from './errors.js';
import { streamDatFile } from './parse-stream.js';
import type { DatGame } from './types.js';
import { BATCH_GAMES, MAX_UNREAD_BATCHES, packGames, type WorkerInput, type WorkerMessage } from './worker-protocol.js';

async function run(input: WorkerInput): Promise<void> {
  const port = parentPort!;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  const consumed = new Int32Array(input.consumed);
  let sent = 0;
  let batch: DatGame[] = [];
  let lastBytes = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    // Wait while MAX_UNREAD_BATCHES are already unread.
    for (let seen = Atomics.load(consumed, 0); sent - seen >= MAX_UNREAD_BATCHES; seen = Atomics.load(consumed, 0)) {
      Atomics.wait(consumed, 0, seen, 1000);
    }
    sent++;
    Atomics.store(consumed, 1, sent);
    const packed = packGames(batch);
    post(packed === null ? { type: 'games', games: batch } : { type: 'packed', packed });
    batch = [];
  };
  try {
    const result = await streamDatFile(input.file, {
      onHeader: (header, format) => post({ type: 'header', header, format }),
      onGame: (game) => {
        batch.push(game);
        if (batch.length >= BATCH_GAMES) flush();
      },
      onBytes: (bytes) => {
        if (bytes - lastBytes >= 1 << 20) {
          lastBytes = bytes;
          post({ type: 'bytes', bytes });
        }
      },
    });
    flush();
    post({ type: 'done', result });
  } catch (error) {
    const e = error as Error;
    post({
      type: 'error',
      message: e.message,
      datFormat: error instanceof DatFormatError,
      ...(error instanceof DatFormatError && error.line !== undefined ? { line: error.line } : {}),
    });
  }
}

void run(workerData as WorkerInput);
