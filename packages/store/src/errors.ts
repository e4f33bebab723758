import { RommerError } from '@rommer/core/errors';

/** The catalogue database cannot be opened, migrated or written. */
export class StoreError extends RommerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store', message, options);
  }
}
