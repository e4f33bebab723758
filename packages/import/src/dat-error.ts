import { DatFormatError } from './errors.js';

/** The one-line error every parser throws: `<file>, line <n>: <cause>`. */
export function datError(file: string, line: number | undefined, cause: string): DatFormatError {
  const where = line === undefined ? file : `${file}, line ${line}`;
  return new DatFormatError(`${where}: ${cause}`, { file, ...(line !== undefined ? { line } : {}) });
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
