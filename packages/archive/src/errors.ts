import { RommerError } from '@rommer/core/errors';

/** An archive is corrupt, unsafe (zip-slip, bomb, symlink) or not an archive at all. */
export class ArchiveError extends RommerError {
  readonly archive: string | undefined;
  readonly entry: string | undefined;
  constructor(message: string, options?: { cause?: unknown; archive?: string; entry?: string }) {
    super('archive', message, options);
    this.archive = options?.archive;
    this.entry = options?.entry;
  }
}
