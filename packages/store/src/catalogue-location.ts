// Where a catalogue lives: a SQLite file path, or a PostgreSQL URL (postgres:// or postgresql://).
import path from 'node:path';
import { isPostgresUrlText, redactUrl } from '@rommer/core';

export type Engine = 'sqlite' | 'postgresql';

export type CatalogueLocation = { engine: 'sqlite'; file: string; label: string } | { engine: 'postgresql'; url: string; label: string };

/** Parses a location; `label` is what messages show (the absolute file, or the URL without its password). */
export function parseLocation(location: string): CatalogueLocation {
  if (isPostgresUrlText(location)) return { engine: 'postgresql', url: location, label: redactUrl(location) };
  const file = path.resolve(location);
  return { engine: 'sqlite', file, label: file };
}
