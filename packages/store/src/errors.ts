import { RommerError } from '@rommer/core/errors';

/**
 * Codes of a catalogue that cannot take writes at all right now (another process holds its write
 * lock, the disk is full or read-only, the file is damaged, the server is gone): unlike a DAT the
 * engine refuses, the next DAT would fail the same way.
 */
const UNAVAILABLE = /^(SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CORRUPT|NOTADB|CANTOPEN)|ENOSPC|EROFS|ECONNREFUSED|ECONNRESET|53100|57P0[1-3])/;

function unavailableCause(cause: unknown): boolean {
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' && UNAVAILABLE.test(code);
}

/** The catalogue database cannot be opened, migrated or written. */
export class StoreError extends RommerError {
  /** The catalogue as a whole is unavailable (see UNAVAILABLE), not just this write. */
  readonly unavailable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super('store', message, options);
    this.unavailable = unavailableCause(options?.cause);
  }
}
