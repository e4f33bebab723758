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
import { findDat, findRoms, listDats, removeDat } from './queries.js';
import { BUSY_TIMEOUT_MS, openSqlite } from './sqlite.js';
import type { DatImportWriter, DatInput, DatRecord, RomMatch, RomQuery } from './types.js';
import { WriteGate } from './write-gate.js';

export interface Store {
  /** The database file's absolute path. */
  readonly file: string;
  readonly ledger: Ledger;
  /** The DAT stored under this key path. */
  findDat(path: string): Promise<DatRecord | null>;
  listDats(filter?: { source?: string }): Promise<DatRecord[]>;
  /** ROMs matching every criterion given (at least one); `limit` defaults to 100. */
  findRoms(query: RomQuery, limit?: number): Promise<RomMatch[]>;
  /** Forgets a DAT and its rows; false when there was none. */
  removeDat(path: string): Promise<boolean>;
  /** Replaces one DAT's rows. Nothing is visible until commit(); abort(), a throw or a killed process leaves the previous contents. */
  beginDatImport(dat: DatInput): DatImportWriter;
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

/** Opens (creating the file and its folders when missing) and migrates the catalogue. */
export async function openStore(databaseFile: string): Promise<Store> {
  const file = path.resolve(databaseFile);
  let db: Database.Database;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = openSqlite(file);
  } catch (error) {
    throw new StoreError(`${file}: cannot open the catalogue: ${errorLine(error)}`, { cause: error });
  }
  let prisma: PrismaClient | undefined;
  try {
    migrate(db, file);
    const statements = new BulkStatements(db);
    prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS }) });
    await prisma.$connect();
    return createStore(file, db, prisma, statements);
  } catch (error) {
    await prisma?.$disconnect().catch(() => undefined);
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`${file}: cannot open the catalogue: ${errorLine(error)}`, { cause: error });
  }
}

function createStore(file: string, db: Database.Database, prisma: PrismaClient, statements: BulkStatements): Store {
  const gate = new WriteGate();
  let current: DatImportWriter | undefined;
  let closed = false;
  const checkOpen = (): void => {
    if (closed) throw new StoreError(`${file}: the catalogue is closed`);
  };
  const ledger = createLedger(prisma, gate, file);

  return {
    file,
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
    removeDat: (datPath) => guard(file, `removing DAT ${datPath}`, async () => (checkOpen(), removeDat(prisma, gate, datPath))),
    beginDatImport(dat) {
      checkOpen();
      current = beginDatImport(statements, gate, file, dat);
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
