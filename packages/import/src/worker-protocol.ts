import type { ParseDatResult } from './parse-stream.js';
import type { DatFormat, DatGame, DatHeader } from './types.js';

/** Games per message: large enough to amortise messaging, small enough to stay a few MB. */
export const BATCH_GAMES = 512;
/** Batches the parser may run ahead of the writer. */
export const MAX_UNREAD_BATCHES = 8;

export interface WorkerInput {
  file: string;
  /** Int32[2]: batches the writer has consumed, batches the parser has posted. */
  consumed: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'header'; header: DatHeader; format: DatFormat }
  | { type: 'games'; games: DatGame[] }
  | { type: 'bytes'; bytes: number }
  | { type: 'done'; result: ParseDatResult }
  | { type: 'error'; message: string; datFormat: boolean; line?: number };
