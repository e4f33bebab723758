// Applies the SQL files in ../migrations/ (next to src/ and dist/ alike) in order, each recorded in
// the _rommer_migrations table, all in one transaction: a failure leaves the database as it was.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { StoreError } from './errors.js';
import { errorLine } from './error-text.js';

export interface Migration {
  /** The number in the file name (`0001_init.sql` → 1). */
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_TABLE = '_rommer_migrations';
/** PostgreSQL's migrations: the same versions and names, generated from the same models. */
export const POSTGRES_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/postgresql/', import.meta.url));
const defaultDir = fileURLToPath(new URL('../migrations/', import.meta.url));
const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** The migrations shipped with this build, oldest first. */
export function loadMigrations(dir: string = defaultDir): Migration[] {
  const migrations = readdirSync(dir)
    .filter((name) => FILE_NAME.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(`${dir}/${name}`, 'utf8');
      return {
        version: Number(name.slice(0, 4)),
        name: name.slice(0, -'.sql'.length),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`${dir}: migration ${migration.name} is out of sequence`);
  });
  return migrations;
}

export interface MigrationOutcome {
  /** Versions applied now (empty when the database was current). */
  applied: number[];
  /** The schema version after opening. */
  version: number;
}

/**
 * Brings the database up to the newest migration. A database that a newer rommer wrote (it records
 * a migration this build does not know) is refused untouched, and so is a SQLite file that holds
 * tables but was never a rommer catalogue.
 */
export function migrate(db: Database.Database, file: string, migrations: Migration[] = loadMigrations()): MigrationOutcome {
  const latest = migrations.length;
  // A current catalogue is only read: another process holding the write lock (an import elsewhere)
  // must not stop this one from opening it.
  if (isCurrent(db, latest)) return { applied: [], version: latest };
  // IMMEDIATE: a second process opening the same file waits here instead of migrating twice.
  db.exec('BEGIN IMMEDIATE');
  try {
    const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE) !== undefined;
    if (!hasTable) {
      const tables = db
        .prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        .get() as { n: number };
      if (tables.n > 0) throw new StoreError(`${file} is a SQLite database but not a rommer catalogue; refusing to change it`);
      db.exec(
        `CREATE TABLE "${MIGRATIONS_TABLE}" ("version" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "checksum" TEXT NOT NULL, "applied_at" INTEGER NOT NULL)`,
      );
    }
    const applied = db.prepare(`SELECT version, name FROM "${MIGRATIONS_TABLE}" ORDER BY version`).all() as {
      version: number;
      name: string;
    }[];
    const newest = applied.at(-1);
    if (newest !== undefined && newest.version > latest) {
      throw new StoreError(
        `${file} was written by a newer rommer (schema version ${newest.version}, migration ${newest.name}; this rommer knows up to ${latest}): upgrade rommer or use another data folder`,
      );
    }
    const record = db.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)`);
    const done = new Set(applied.map((row) => row.version));
    const appliedNow: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migration.checksum, Date.now());
      appliedNow.push(migration.version);
    }
    db.exec('COMMIT');
    return { applied: appliedNow, version: latest };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (error instanceof StoreError) throw error;
    throw new StoreError(`${file}: cannot apply the catalogue's migrations: ${errorLine(error)}`, { cause: error });
  }
}

/** The catalogue records exactly the migrations this build knows, 1..latest (read without a write lock). */
/** For a catalogue opened read-only: nothing can be migrated, so anything but current is an error. */
export function requireCurrent(db: Database.Database, file: string, migrations: Migration[] = loadMigrations()): void {
  if (!isCurrent(db, migrations.length))
    throw new StoreError(
      `${file}: the catalogue's tables are not those of this rommer (schema version ${schemaVersion(db) ?? 'none'}, this rommer has ${migrations.length}) and its folder is read-only, so they cannot be brought up to date`,
    );
}

function schemaVersion(db: Database.Database): number | undefined {
  try {
    const row = db.prepare(`SELECT max(version) AS newest FROM "${MIGRATIONS_TABLE}"`).get() as { newest: number | null };
    return row.newest ?? undefined;
  } catch {
    return undefined;
  }
}

export function schemaIsCurrent(db: Database.Database, migrations: Migration[] = loadMigrations()): boolean {
  return isCurrent(db, migrations.length);
}

function isCurrent(db: Database.Database, latest: number): boolean {
  try {
    const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE) !== undefined;
    if (!hasTable) return false;
    const row = db.prepare(`SELECT count(*) AS n, max(version) AS newest FROM "${MIGRATIONS_TABLE}"`).get() as { n: number; newest: number | null };
    return row.n === latest && row.newest === latest;
  } catch {
    // Anything unusual is for the locked path below to judge and report.
    return false;
  }
}
