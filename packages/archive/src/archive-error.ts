import { ArchiveError } from './errors.js';

/**
 * Builds the one-line ArchiveError every failure in this package uses:
 * `<archive>: entry "<entry>": <cause>` (or `<archive>: <cause>` when no entry is involved).
 */
export function archiveError(archive: string, entry: string | undefined, cause: string, original?: unknown): ArchiveError {
  const message = entry === undefined ? `${archive}: ${cause}` : `${archive}: entry "${entry}": ${cause}`;
  return new ArchiveError(message, { archive, entry, cause: original });
}

/** First line of whatever was thrown, for embedding a low-level cause in a one-line message. */
export function causeText(error: unknown): string {
  if (error instanceof Error) return (error.message.split('\n')[0] ?? error.name).trim();
  return String(error);
}
