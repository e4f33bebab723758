import { ArchiveError } from './errors.js';

/**
 * Builds the one-line ArchiveError every failure in this package uses:
 * `<archive>: entry "<entry>": <cause>` (or `<archive>: <cause>` when no entry is involved).
 */
export function archiveError(archive: string, entry: string | undefined, cause: string, original?: unknown): ArchiveError {
  const message = entry === undefined ? `${archive}: ${cause}` : `${archive}: entry "${entry}": ${cause}`;
  return new ArchiveError(message, { archive, entry, cause: original });
}
