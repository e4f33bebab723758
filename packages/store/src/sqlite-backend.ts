// The SQLite engine: one file, two connections. Prisma (the generated client on the better-sqlite3
// adapter) serves typed queries and the ledger; a raw better-sqlite3 connection runs migrations and
// the bulk writer. An empty file or one SQLite calls corrupt (on open, or by `quick_check` when the
// file is small enough and has changed since rommer last closed it) is moved aside as
// `<file>.broken-<time>` and a new catalogue is started, unless the caller asked to refuse it.
// A caller that only reads gets an existing, current catalogue opened read-only, so that it changes
// no byte of it (a dry run writes nothing) and works where the data folder is read-only; one that
// needs its migrations is migrated first where the folder can be written.
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Backend } from './backend.js';
import { BulkStatements, beginDatImport } from './bulk-writer.js';
import { errorLine } from './error-text.js';
import { StoreError } from './errors.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { loadMigrations, migrate, MIGRATIONS_TABLE, requireCurrent, schemaIsCurrent } from './migrations.js';
import { createScanStore } from './scan-store.js';
import { createSqliteLookup } from './catalogue-lookup.js';
import {
  fileSize,
  integrityProblems,
  isCorruption,
  markCleanClose,
  moveAside,
  QUICK_CHECK_MAX_BYTES,
  unchangedSinceCleanClose,
} from './self-heal.js';
import { BUSY_TIMEOUT_MS, leaveWalMode, openSqlite, tryWalMode } from './sqlite.js';
import { sqliteRunner } from './sql-runner.js';

/** quick_check found problems. */
class DamagedError extends Error {}

/** A read-only open found a schema older than this rommer's. */
class NotCurrentError extends Error {}

/** True when this process may write `file` (or create it) and the files SQLite keeps beside it. */
function canWrite(file: string): boolean {
  try {
    accessSync(path.dirname(file), constants.W_OK);
    if (fileSize(file) !== undefined) accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export async function openSqliteBackend(
  file: string,
  options: { damaged?: 'rebuild' | 'refuse'; readOnly?: boolean } = {},
): Promise<Backend> {
  const size = fileSize(file);
  const writable = canWrite(file);
  let readOnly = options.readOnly === true && size !== undefined && size > 0;
  let rebuilt: string | null = null;
  const damaged = (cause: string): void => {
    if (!writable)
      throw new StoreError(
        `${file}: the catalogue is damaged (${cause}) and its folder is read-only, so it cannot be rebuilt`,
      );
    if (options.damaged === 'refuse')
      throw new StoreError(
        `${file}: the catalogue is damaged (${cause}); run rommer update to rebuild it from the DAT folders`,
      );
    const aside = moveAside(file);
    rebuilt = `${file} was ${cause}: moved aside to ${path.basename(aside)} and rebuilt from the DAT folders`;
  };
  if (size === 0) damaged('empty (0 bytes)');
  // A read-only open leaves the clean-close mark in place: it changes nothing the mark describes.
  const quickCheck = size !== undefined && size > 0 && size <= QUICK_CHECK_MAX_BYTES && !unchangedSinceCleanClose(file, { keep: readOnly });
  try {
    try {
      return await openChecked(file, () => rebuilt, quickCheck, readOnly, writable);
    } catch (error) {
      if (!(error instanceof NotCurrentError)) throw error;
      readOnly = false;
      return await openChecked(file, () => rebuilt, false, false, writable);
    }
  } catch (error) {
    const corrupt = error instanceof StoreError ? error.cause : error;
    if (!isCorruption(corrupt) && !(corrupt instanceof DamagedError)) throw error;
    damaged(
      corrupt instanceof DamagedError
        ? `corrupt (quick_check: ${corrupt.message})`
        : `corrupt (${errorLine(corrupt)})`,
    );
    return openChecked(file, () => rebuilt, false, false, writable);
  }
}

async function openChecked(
  file: string,
  rebuilt: () => string | null,
  quickCheck: boolean,
  readOnly: boolean,
  writable: boolean,
): Promise<Backend> {
  let db: Database.Database;
  try {
    if (!readOnly) mkdirSync(path.dirname(file), { recursive: true });
    db = openSqlite(file, { readOnly });
  } catch (error) {
    // A file a killed process left in WAL mode needs a -shm file, which a read-only folder cannot hold.
    const why = readOnly && !writable ? ' read-only (the last process that wrote it did not close it; one rommer run where the folder can be written repairs that)' : '';
    throw new StoreError(`${file}: cannot open the catalogue${why}: ${errorLine(error)}`, { cause: error });
  }
  try {
    if (quickCheck) {
      const problems = integrityProblems(db, 'quick_check', 3);
      if (problems.length > 0) throw new DamagedError(problems[0]);
    }
    if (readOnly) {
      // Where the folder can be written, a caller that only reads still gets the migrations applied.
      if (writable && !schemaIsCurrent(db)) throw new NotCurrentError();
      requireCurrent(db, file);
    } else {
      migrate(db, file);
      tryWalMode(db);
    }
    const statements = new BulkStatements(db);
    // Its own connection, opened on first use: a no-change update never needs it (sql-runner.ts).
    let started: Promise<PrismaClient> | undefined;
    const prisma = () =>
      (started ??= (async () => {
        const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
          import('./generated/prisma/client.js'),
          import('@prisma/adapter-better-sqlite3'),
        ]);
        const client = new PrismaClient({
          adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS, readonly: readOnly }),
        });
        await client.$connect();
        return client;
      })());
    const sql = sqliteRunner(() => openSqlite(file, { readOnly }));
    return {
      engine: 'sqlite',
      label: file,
      sql,
      prisma,
      rebuilt: rebuilt(),
      integrityCheck: () => Promise.resolve(integrityProblems(db, 'integrity_check')),
      beginImport: (gate, dat, importOptions) => beginDatImport(statements, gate, file, dat, importOptions),
      // On the writer's connection, in one transaction: the rows go, the removal is recorded.
      removeDat: (datPath) =>
        Promise.resolve(db.transaction(() => statements.changes.removeDat(datPath, Date.now())).immediate()),
      scan: (gate) => createScanStore(db, gate, file),
      lookup: () => createSqliteLookup(db, file),
      info() {
        const version = db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
        const applied = db.prepare(`SELECT count(*) AS n FROM "${MIGRATIONS_TABLE}"`).get() as { n: number };
        return Promise.resolve({
          engine: 'sqlite',
          location: file,
          server: `SQLite ${version.v}`,
          schemaVersion: applied.n,
          latestVersion: loadMigrations().length,
        });
      },
      async close({ trusted }) {
        if (started !== undefined) await (await started.catch(() => undefined))?.$disconnect();
        sql.close();
        if (readOnly) {
          db.close();
          return;
        }
        leaveWalMode(db);
        db.close();
        if (trusted) markCleanClose(file);
      },
    };
  } catch (error) {
    if (!readOnly) leaveWalMode(db);
    db.close();
    if (error instanceof StoreError || error instanceof DamagedError || error instanceof NotCurrentError) throw error;
    throw new StoreError(`${file}: cannot open the catalogue: ${errorLine(error)}`, { cause: error });
  }
}
