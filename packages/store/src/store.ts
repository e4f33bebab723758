// openStore: one SQLite file, two connections. Prisma (the generated client on the better-sqlite3
// adapter) serves typed queries and the ledger; a raw better-sqlite3 connection runs migrations and
// the bulk writer.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { Ledger } from '@rommer/core';
import { StoreError } from './errors.js';
import type Database from 'better-sqlite3';
import { BulkStatements, beginDatImport } from './bulk-writer.js';
import { PrismaClient } from './generated/prisma/client.js';
import { errorLine } from './error-text.js';
import { createLedger } from './ledger.js';
import { migrate } from './migrations.js';
import { listChangeSets } from './change-queries.js';
import { findDat, findRoms, listDats } from './queries.js';
import { createScanStore, type ScanStore } from './scan-store.js';
import { fileSize, integrityProblems, isCorruption, moveAside, QUICK_CHECK_MAX_BYTES } from './self-heal.js';
import { BUSY_TIMEOUT_MS, openSqlite } from './sqlite.js';
import type {
  ChangeSetQuery,
  ChangeSetRecord,
  DatImportWriter,
  DatInput,
  DatRecord,
  ImportOptions,
  RomMatch,
  RomQuery,
} from './types.js';
import { WriteGate } from './write-gate.js';

export interface Store {
  /** The database file's absolute path. */
  readonly file: string;
  /**
   * Set when the file was missing, empty or corrupt and a new catalogue was started (the broken
   * one moved aside): the one-line warning to show. The DAT folders are the truth to rebuild from.
   */
  readonly rebuilt: string | null;
  /** `PRAGMA integrity_check`: the problems found (at most 10), or [] when the file is sound. */
  integrityCheck(): Promise<string[]>;
  readonly ledger: Ledger;
  /** The DAT stored under this key path. */
  findDat(path: string): Promise<DatRecord | null>;
  listDats(filter?: { source?: string }): Promise<DatRecord[]>;
  /** ROMs matching every criterion given (at least one); `limit` defaults to 100. */
  findRoms(query: RomQuery, limit?: number): Promise<RomMatch[]>;
  /** Forgets a DAT, its rows and its change sets, recording its removal as a change set; false when there was none. */
  removeDat(path: string): Promise<boolean>;
  /**
   * Replaces one DAT's rows. Nothing is visible until commit(); abort(), a throw or a killed process
   * leaves the previous contents. With `changes`, commit() also records the change set.
   */
  beginDatImport(dat: DatInput, options?: ImportOptions): DatImportWriter;
  /** Recorded change sets, newest first. */
  listChangeSets(query?: ChangeSetQuery): Promise<ChangeSetRecord[]>;
  /** `rommer scan`'s hash cache, runs and content look-ups (synchronous; see scan-store.ts). */
  readonly scan: ScanStore;
  /** Rolls back an import still open, then closes both connections. */
  close(): Promise<void>;
}

/** Runs a query, turning driver errors into one-line StoreErrors that name the file. */
async function guard<T>(file: string, action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(`${file}: ${action} failed: ${errorLine(error)}`, { cause: error });
  }
}

export interface OpenStoreOptions {
  /**
   * What to do with an empty or corrupt file: 'rebuild' (the default) moves it aside and starts a
   * new catalogue (see Store.rebuilt); 'refuse' throws a StoreError instead (for read-only uses).
   */
  damaged?: 'rebuild' | 'refuse';
}

/**
 * Opens (creating the file and its folders when missing) and migrates the catalogue. An empty file
 * or one SQLite calls corrupt (on open, or by `quick_check` when the file is small enough for it to
 * be cheap) is moved aside as `<file>.broken-<time>` and a new catalogue is started.
 */
export async function openStore(databaseFile: string, options: OpenStoreOptions = {}): Promise<Store> {
  const file = path.resolve(databaseFile);
  const size = fileSize(file);
  let rebuilt: string | null = null;
  const damaged = (cause: string): void => {
    if (options.damaged === 'refuse') throw new StoreError(`${file}: the catalogue is damaged (${cause}); run rommer update to rebuild it from the DAT folders`);
    const aside = moveAside(file);
    rebuilt = `${file} was ${cause}: moved aside to ${path.basename(aside)} and rebuilt from the DAT folders`;
  };
  if (size === 0) damaged('empty (0 bytes)');
  try {
    return await openChecked(file, rebuilt, size !== undefined && size > 0 && size <= QUICK_CHECK_MAX_BYTES);
  } catch (error) {
    const corrupt = error instanceof StoreError ? error.cause : error;
    if (!isCorruption(corrupt) && !(corrupt instanceof DamagedError)) throw error;
    damaged(corrupt instanceof DamagedError ? `corrupt (quick_check: ${corrupt.message})` : `corrupt (${errorLine(corrupt)})`);
    return openChecked(file, rebuilt, false);
  }
}

/** quick_check found problems. */
class DamagedError extends Error {}

async function openChecked(file: string, rebuilt: string | null, quickCheck: boolean): Promise<Store> {
  let db: Database.Database;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = openSqlite(file);
  } catch (error) {
    throw new StoreError(`${file}: cannot open the catalogue: ${errorLine(error)}`, { cause: error });
  }
  let prisma: PrismaClient | undefined;
  try {
    if (quickCheck) {
      const problems = integrityProblems(db, 'quick_check', 3);
      if (problems.length > 0) throw new DamagedError(problems[0]);
    }
    migrate(db, file);
    const statements = new BulkStatements(db);
    prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS }) });
    await prisma.$connect();
    return createStore(file, db, prisma, statements, rebuilt, (gate) => createScanStore(db, gate, file));
  } catch (error) {
    await prisma?.$disconnect().catch(() => undefined);
    db.close();
    if (error instanceof StoreError || error instanceof DamagedError) throw error;
    throw new StoreError(`${file}: cannot open the catalogue: ${errorLine(error)}`, { cause: error });
  }
}

function createStore(
  file: string,
  db: Database.Database,
  prisma: PrismaClient,
  statements: BulkStatements,
  rebuilt: string | null,
  scanStore: (gate: WriteGate) => ScanStore,
): Store {
  const gate = new WriteGate();
  let current: DatImportWriter | undefined;
  let closed = false;
  const checkOpen = (): void => {
    if (closed) throw new StoreError(`${file}: the catalogue is closed`);
  };
  const ledger = createLedger(prisma, gate, file);

  return {
    file,
    rebuilt,
    integrityCheck: () =>
      guard(file, 'checking the catalogue', async () => {
        checkOpen();
        await gate.whenIdle();
        return integrityProblems(db, 'integrity_check');
      }),
    ledger: {
      get: (source) => guard(file, `reading the ledger entry of ${source}`, async () => (checkOpen(), ledger.get(source))),
      list: () => guard(file, 'reading the ledger', async () => (checkOpen(), ledger.list())),
      set: (entry) => guard(file, `recording the update of ${entry.source}`, async () => (checkOpen(), ledger.set(entry))),
      recordCheck: (source, checkedAt, error, state) =>
        guard(file, `recording the check of ${source}`, async () => (checkOpen(), ledger.recordCheck(source, checkedAt, error, state))),
    },
    findDat: (datPath) => guard(file, `looking up DAT ${datPath}`, async () => (checkOpen(), findDat(prisma, datPath))),
    listDats: (filter) => guard(file, 'listing DATs', async () => (checkOpen(), listDats(prisma, filter))),
    findRoms: (query, limit) => guard(file, 'looking up ROMs', async () => (checkOpen(), findRoms(prisma, file, query, limit))),
    removeDat: (datPath) =>
      guard(file, `removing DAT ${datPath}`, async () => {
        checkOpen();
        await gate.whenIdle();
        checkOpen();
        // On the writer's connection, in one transaction: the rows go, the removal is recorded.
        return db.transaction(() => statements.changes.removeDat(datPath, Date.now())).immediate();
      }),
    listChangeSets: (query) => guard(file, 'listing change sets', async () => (checkOpen(), listChangeSets(prisma, query))),
    scan: scanStore(gate),
    beginDatImport(dat, options) {
      checkOpen();
      current = beginDatImport(statements, gate, file, dat, options);
      return current;
    },
    async close() {
      if (closed) return;
      closed = true;
      current?.abort();
      await prisma.$disconnect();
      db.close();
    },
  };
}
