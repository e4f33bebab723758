import { streamDat, streamDatFile, type ParseDatOptions, type ParseDatResult } from './parse-stream.js';

export type { ParseDatOptions, ParseDatResult };

/**
 * Streams a DAT of any supported format from a byte source (a file stream, an archive entry),
 * calling back per game. Memory stays bounded by one game and one read chunk. `file` names the
 * DAT in errors: malformed input throws DatFormatError (`<file>, line <n>: <cause>`).
 */
export function parseDatStream(source: AsyncIterable<Uint8Array>, file: string, options: ParseDatOptions = {}): Promise<ParseDatResult> {
  return streamDat(source, file, options);
}

/** Streams the DAT at `path` (see parseDatStream). */
export function parseDat(path: string, options: ParseDatOptions & { chunkSize?: number } = {}): Promise<ParseDatResult> {
  return streamDatFile(path, options);
}
