/**
 * The parsers' own errors. They import nothing from @rommer/core so that the parser thread loads
 * only the parsing modules (core's index would cost it ~20 MB); parseDat turns them into core's
 * DatFormatError and CancelledError.
 */

/** Malformed or unrecognised input: `<file>, line <n>: <cause>`. */
export class DatSyntaxError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  constructor(message: string, file: string, line: number | undefined) {
    super(message);
    this.name = 'DatSyntaxError';
    this.file = file;
    this.line = line;
  }
}

/** The caller's AbortSignal fired. */
export class ParseCancelled extends Error {
  constructor(file: string) {
    super(`import of ${file} cancelled`);
    this.name = 'ParseCancelled';
  }
}

/** The one-line error every parser throws: `<file>, line <n>: <cause>`. */
export function datError(file: string, line: number | undefined, cause: string): DatSyntaxError {
  const where = line === undefined ? file : `${file}, line ${line}`;
  return new DatSyntaxError(`${where}: ${cause}`, file, line);
}

/** Counts `\n` in `text` between `from` and `to`: line numbers without a per-character loop. */
export function countNewlines(text: string, from = 0, to = text.length): number {
  let count = 0;
  let at = text.indexOf('\n', from);
  while (at !== -1 && at < to) {
    count++;
    at = text.indexOf('\n', at + 1);
  }
  return count;
}
