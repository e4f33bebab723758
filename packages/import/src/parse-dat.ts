import { CancelledError, DatFormatError } from '@rommer/core';
import { DatSyntaxError, ParseCancelled } from './dat-error.js';
import { streamDat, streamDatFile, type ParseDatOptions, type ParseDatResult } from './parse-stream.js';

export type { ParseDatOptions, ParseDatResult };

/** The parsers' core-free errors as rommer's: DatFormatError (file, line) and CancelledError. */
export function toRommerError(error: unknown): unknown {
  if (error instanceof DatSyntaxError) {
    return new DatFormatError(error.message, { file: error.file, ...(error.line !== undefined ? { line: error.line } : {}) });
  }
  if (error instanceof ParseCancelled) return new CancelledError(error.message);
  return error;
}

/**
 * Streams a DAT of any supported format from a byte source (a file stream, an archive entry),
 * calling back per game. Memory stays bounded by one game and one read chunk. `file` names the
 * DAT in errors: malformed input throws DatFormatError (`<file>, line <n>: <cause>`).
 */
export async function parseDatStream(
  source: AsyncIterable<Uint8Array>,
  file: string,
  options: ParseDatOptions = {},
): Promise<ParseDatResult> {
  try {
    return await streamDat(source, file, options);
  } catch (error) {
    throw toRommerError(error);
  }
}

/** Streams the DAT at `path` (see parseDatStream). */
export async function parseDat(path: string, options: ParseDatOptions & { chunkSize?: number } = {}): Promise<ParseDatResult> {
  try {
    return await streamDatFile(path, options);
  } catch (error) {
    throw toRommerError(error);
  }
}
