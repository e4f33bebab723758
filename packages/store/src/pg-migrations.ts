// Applies migrations/postgresql/*.sql like migrations.ts does for SQLite: in order, recorded in
// _rommer_migrations, all in one transaction (PostgreSQL's DDL is transactional). A transaction-level
// advisory lock makes machines that open the catalogue at the same moment take turns: the first
// migrates, the others then find the schema current.
import { StoreError } from './errors.js';
import type pg from 'pg';
import { errorLine } from './error-text.js';
import {
  loadMigrations,
  MIGRATIONS_TABLE,
  POSTGRES_MIGRATIONS_DIR,
  type Migration,
  type MigrationOutcome,
} from './migrations.js';

/** pg_advisory_xact_lock(namespace, key) keys of the store: namespace 0x726f6d (r-o-m), then what is locked. */
export const LOCK_NAMESPACE = 0x726f6d;
export const MIGRATION_LOCK_KEY = 1;

export function loadPostgresMigrations(): Migration[] {
  return loadMigrations(POSTGRES_MIGRATIONS_DIR);
}

interface AppliedRow {
  version: number;
  name: string;
}

/** Reads the migrations recorded, or null when the database has no rommer catalogue yet. */
export async function appliedMigrations(client: pg.ClientBase): Promise<AppliedRow[] | null> {
  const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [
    MIGRATIONS_TABLE,
  ]);
  if (rows[0]?.present !== true) return null;
  const applied = await client.query<AppliedRow>(
    `SELECT version, name FROM "${MIGRATIONS_TABLE}" ORDER BY version`,
  );
  return applied.rows;
}

/**
 * Brings the database up to the newest migration. A database that a newer rommer wrote is refused
 * untouched, and so is one whose schema holds tables but no rommer catalogue.
 */
export async function migratePostgres(
  client: pg.ClientBase,
  label: string,
  migrations: Migration[] = loadPostgresMigrations(),
): Promise<MigrationOutcome> {
  const latest = migrations.length;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, MIGRATION_LOCK_KEY]);
    let applied = await appliedMigrations(client);
    if (applied === null) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()`,
      );
      if ((rows[0]?.n ?? 0) > 0) {
        throw new StoreError(`${label} holds tables but is not a rommer catalogue; refusing to change it`);
      }
      await client.query(
        `CREATE TABLE "${MIGRATIONS_TABLE}" ("version" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "checksum" TEXT NOT NULL, "applied_at" BIGINT NOT NULL)`,
      );
      applied = [];
    }
    const newest = applied.at(-1);
    if (newest !== undefined && newest.version > latest) {
      throw new StoreError(
        `${label} was written by a newer rommer (schema version ${newest.version}, migration ${newest.name}; this rommer knows up to ${latest}): upgrade rommer or use another database`,
      );
    }
    const done = new Set(applied.map((row) => row.version));
    const appliedNow: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(
        `INSERT INTO "${MIGRATIONS_TABLE}" (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)`,
        [migration.version, migration.name, migration.checksum, Date.now()],
      );
      appliedNow.push(migration.version);
    }
    await client.query('COMMIT');
    return { applied: appliedNow, version: latest };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError(`${label}: cannot apply the catalogue's migrations: ${errorLine(error)}`, {
      cause: error,
    });
  }
}
