// Which catalogue a run uses: a shared PostgreSQL database when ROMMER_DATABASE_URL or
// `[defaults] database_url` names one (the environment wins), else the SQLite file in the data folder.
import { ConfigError } from '../errors.js';
import { redactUrl } from '../output-text.js';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/** True for a postgres:// or postgresql:// URL. */
export function isPostgresUrlText(text: string): boolean {
  return POSTGRES_URL.test(text.trim());
}

export interface CatalogueChoice {
  /** The PostgreSQL URL, or null for the data folder's SQLite file. */
  databaseUrl: string | null;
  /** Where the URL came from, for messages. */
  from: 'ROMMER_DATABASE_URL' | 'sources.conf' | null;
}

export function chooseCatalogue(defaults: { database_url?: string | undefined }, env: Record<string, string | undefined>): CatalogueChoice {
  const fromEnv = env['ROMMER_DATABASE_URL']?.trim();
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!POSTGRES_URL.test(fromEnv)) {
      throw new ConfigError(`ROMMER_DATABASE_URL must be a postgresql:// URL (got ${JSON.stringify(redactUrl(fromEnv))})`);
    }
    return { databaseUrl: fromEnv, from: 'ROMMER_DATABASE_URL' };
  }
  if (defaults.database_url !== undefined) return { databaseUrl: defaults.database_url, from: 'sources.conf' };
  return { databaseUrl: null, from: null };
}
