import { RommerError } from '@rommer/core/errors';

/** A DAT file is not a recognised format or is malformed: `<file>, line <n>: <cause>`. */
export class DatFormatError extends RommerError {
  readonly file: string | undefined;
  readonly line: number | undefined;
  constructor(message: string, options?: { cause?: unknown; file?: string; line?: number }) {
    super('dat-format', message, options);
    this.file = options?.file;
    this.line = options?.line;
  }
}
