import { parseDatStream, type ParseDatResult } from '../parse-dat.js';
import type { DatGame, DatHeader } from '../types.js';

async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export interface Parsed extends ParseDatResult {
  list: DatGame[];
  headerSeen: DatHeader | undefined;
}

/** Parses DAT text fed in chunks of `chunkSize` bytes, so chunk boundaries fall everywhere. */
export async function parseText(text: string | Uint8Array, chunkSize = 1 << 20, file = 'test.dat'): Promise<Parsed> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const list: DatGame[] = [];
  let headerSeen: DatHeader | undefined;
  const result = await parseDatStream(inChunks(bytes, chunkSize), file, {
    onHeader: (header) => {
      headerSeen = header;
    },
    onGame: (game) => {
      list.push(game);
    },
  });
  return { ...result, list, headerSeen };
}

/** The same parse with several chunkings; they must agree. */
export async function parseEveryWay(text: string): Promise<Parsed> {
  const whole = await parseText(text);
  for (const size of [1, 3, 17, 512]) {
    const chunked = await parseText(text, size);
    if (JSON.stringify(chunked.list) !== JSON.stringify(whole.list)) {
      throw new Error(`parsing in ${size}-byte chunks differs from parsing whole`);
    }
  }
  return whole;
}

export async function parseError(text: string | Uint8Array, chunkSize?: number): Promise<Error & { line?: number; file?: string }> {
  try {
    await parseText(text, chunkSize);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the parse to fail');
}
