// The SQLite engine: one file, two connections. Prisma (the generated client on the better-sqlite3
// adapter) serves typed queries and the ledger; a raw better-sqlite3 connection runs migrations and
// the bulk writer. An empty file or one SQLite calls corrupt (on open, or by `quick_check` when the
// file is small enough and has changed since rommer last closed it) is moved aside as
// `<file>.broken-<time>` and a new catalogue is started, unless the caller asked to refuse it.
// A caller that only reads gets a catalogue it may not write (a read-only data folder) opened
// read-only: it must be current and sound, since nothing can be migrated or moved aside there.
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type Database from 'better-sqlite3';
import type { Backend } from './backend.js';
import { BulkStatements, beginDatImport } from './bulk-writer.js';
import { errorLine } from './error-text.js';
import { StoreError } from './errors.js';
import { PrismaClient } from './generated/prisma/client.js';
import { loadMigrations, migrate, MIGRATIONS_TABLE, requireCurrent } from './migrations.js';
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

/** quick_check found problems. */
class DamagedError extends Error {}

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
  const readOnly = options.readOnly === true && size !== undefined && !canWrite(file);
  let rebuilt: string | null = null;
  const damaged = (cause: string): void => {
    if (readOnly)
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
  try {
    return await openChecked(
      file,
      () => rebuilt,
      size !== undefined && size > 0 && size <= QUICK_CHECK_MAX_BYTES && !unchangedSinceCleanClose(file),
      readOnly,
    );
  } catch (error) {
    const corrupt = error instanceof StoreError ? error.cause : error;
    if (!isCorruption(corrupt) && !(corrupt instanceof DamagedError)) throw error;
    damaged(
      corrupt instanceof DamagedError
        ? `corrupt (quick_check: ${corrupt.message})`
        : `corrupt (${errorLine(corrupt)})`,
    );
    return openChecked(file, () => rebuilt, false, false);
  }
}

async function openChecked(
  file: string,
  rebuilt: () => string | null,
  quickCheck: boolean,
  readOnly: boolean,
): Promise<Backend> {
  let db: Database.Database;
  try {
    if (!readOnly) mkdirSync(path.dirname(file), { recursive: true });
    db = openSqlite(file, { readOnly });
  } catch (error) {
    // A file a killed process left in WAL mode needs a -shm file, which a read-only folder cannot hold.
    const why = readOnly ? ' read-only (the last process that wrote it did not close it; one rommer run where the folder can be written repairs that)' : '';
    throw new StoreError(`${file}: cannot open the catalogue${why}: ${errorLine(error)}`, { cause: error });
  }
  let prisma: PrismaClient | undefined;
  try {
    if (quickCheck) {
      const problems = integrityProblems(db, 'quick_check', 3);
      if (problems.length > 0) throw new DamagedError(problems[0]);
    }
    if (readOnly) requireCurrent(db, file);
    else {
      migrate(db, file);
      tryWalMode(db);
    }
    const statements = new BulkStatements(db);
    prisma = new PrismaClient({
      adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS, readonly: readOnly }),
    });
    await prisma.$connect();
    const client = prisma;
    return {
      engine: 'sqlite',
      label: file,
      prisma: client,
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
        await client.$disconnect();
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
    await prisma?.$disconnect().catch(() => undefined);
    if (!readOnly) leaveWalMode(db);
    db.close();
    if (error instanceof StoreError || error instanceof DamagedError) throw error;
    throw new StoreError(`${file}: cannot open the catalogue: ${errorLine(error)}`, { cause: error });
  }
}
