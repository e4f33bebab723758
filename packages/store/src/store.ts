// openStore: the catalogue on SQLite (a file) or PostgreSQL (a URL), the same API on both. The
// engine's backend supplies the typed client and the bulk writer; queries and the ledger are shared.
import type { Ledger } from '@rommer/core';
import { redactUrlCredentials } from '@rommer/core';
import { StoreError } from './errors.js';
import type { Backend, CatalogueInfo } from './backend.js';
import { parseLocation, type Engine } from './catalogue-location.js';
import { errorLine } from './error-text.js';
import { createLedger } from './ledger.js';
import { copyChangeSets, listChangeSets } from './change-queries.js';
import { findDat, findRoms, listDats } from './queries.js';
import type { CatalogueLookup } from './catalogue-lookup.js';
import type { ScanStore } from './scan-store.js';
import { openSqliteBackend } from './sqlite-backend.js';
import { readGames } from './read-games.js';
import type {
  ChangeSetQuery,
  ChangeSetRecord,
  DatImportWriter,
  DatInput,
  DatRecord,
  GameInput,
  ImportOptions,
  RomMatch,
  RomQuery,
} from './types.js';
import { WriteGate } from './write-gate.js';

export interface Store {
  readonly engine: Engine;
  /** The database file's absolute path, or the PostgreSQL URL without its password. */
  readonly location: string;
  /** The same as `location` (the name callers used when the catalogue was always a file). */
  readonly file: string;
  /**
   * Set when the SQLite file was missing, empty or corrupt and a new catalogue was started (the
   * broken one moved aside): the one-line warning to show. The DAT folders are the truth to rebuild from.
   */
  readonly rebuilt: string | null;
  /** SQLite's `PRAGMA integrity_check`: the problems found (at most 10), or [] when sound (always [] on PostgreSQL). */
  integrityCheck(): Promise<string[]>;
  readonly ledger: Ledger;
  /** The DAT stored under this key path. */
  findDat(path: string): Promise<DatRecord | null>;
  listDats(filter?: { source?: string }): Promise<DatRecord[]>;
  /** ROMs matching every criterion given (at least one); `limit` defaults to 100. */
  findRoms(query: RomQuery, limit?: number): Promise<RomMatch[]>;
  /** One DAT's games with their ROMs and disks, in import order (nothing when there is no such DAT). */
  readGames(path: string): AsyncIterable<GameInput>;
  /** Forgets a DAT, its rows and its change sets, recording its removal as a change set; false when there was none. */
  removeDat(path: string): Promise<boolean>;
  /**
   * Replaces one DAT's rows. Nothing is visible until commit(); abort(), a throw or a killed process
   * leaves the previous contents. With `changes`, commit() also records the change set.
   */
  beginDatImport(dat: DatInput, options?: ImportOptions): DatImportWriter;
  /** Recorded change sets, newest first. */
  listChangeSets(query?: ChangeSetQuery): Promise<ChangeSetRecord[]>;
  /** Writes change sets read from another catalogue (with their details), for `rommer db migrate-to`. */
  copyChangeSets(records: readonly ChangeSetRecord[]): Promise<number>;
  /**
   * `rommer scan`'s hash cache and runs (synchronous; see scan-store.ts). SQLite only: with a
   * PostgreSQL catalogue the cache is in the data folder's file (see ARCHITECTURE.md).
   */
  readonly scan: ScanStore;
  /** The scan's look-ups in this catalogue, on either engine (see catalogue-lookup.ts). */
  readonly lookup: CatalogueLookup;
  /** Engine, server version and schema version (for `rommer doctor`). */
  info(): Promise<CatalogueInfo>;
  /** Rolls back an import still open, then closes every connection. */
  close(): Promise<void>;
}

/** Runs a query, turning driver errors into one-line StoreErrors that name the catalogue. */
async function guard<T>(label: string, action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(`${label}: ${action} failed: ${redactUrlCredentials(errorLine(error))}`, {
      cause: error,
    });
  }
}

export interface OpenStoreOptions {
  /**
   * SQLite: what to do with an empty or corrupt file: 'rebuild' (the default) moves it aside and starts
   * a new catalogue (see Store.rebuilt); 'refuse' throws a StoreError instead (for read-only uses).
   */
  damaged?: 'rebuild' | 'refuse';
  /**
   * SQLite: the caller only reads. Where the file cannot be written (a read-only data folder) it is
   * opened read-only instead of failing; it must then be current and sound, and every write fails.
   */
  readOnly?: boolean;
}

/**
 * Opens and migrates the catalogue at `location`: a SQLite file (created with its folders when
 * missing) or a `postgresql://` URL (the database must exist; its tables are created).
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  const target = parseLocation(location);
  // pg and its adapter load only for a PostgreSQL catalogue: the SQLite path starts as fast as before.
  const backend =
    target.engine === 'postgresql'
      ? await (await import('./pg-backend.js')).openPostgresBackend(target.url, target.label)
      : await openSqliteBackend(target.file, options);
  return createStore(backend);
}

function createStore(backend: Backend): Store {
  const { label, sql, prisma } = backend;
  const gate = new WriteGate();
  let current: DatImportWriter | undefined;
  let scanStore: ScanStore | undefined;
  let lookup: CatalogueLookup | undefined;
  let closed = false;
  const checkOpen = (): void => {
    if (closed) throw new StoreError(`${label}: the catalogue is closed`);
  };
  const ledger = createLedger(sql, gate, label);
  // Any error the catalogue gives (a damaged page among them) makes the next open check it again.
  let trusted = true;
  const distrust = (error: unknown): never => {
    trusted = false;
    throw error;
  };
  const guarded = <T>(action: string, run: () => Promise<T>): Promise<T> => guard(label, action, run).catch(distrust);

  return {
    engine: backend.engine,
    location: label,
    file: label,
    rebuilt: backend.rebuilt,
    integrityCheck: () =>
      guarded('checking the catalogue', async () => {
        checkOpen();
        await gate.whenIdle();
        const problems = await backend.integrityCheck();
        if (problems.length > 0) trusted = false;
        return problems;
      }),
    ledger: {
      get: (source) =>
        guarded(`reading the ledger entry of ${source}`, async () => (checkOpen(), ledger.get(source))),
      list: () => guarded('reading the ledger', async () => (checkOpen(), ledger.list())),
      set: (entry) =>
        guarded(`recording the update of ${entry.source}`, async () => (checkOpen(), ledger.set(entry))),
      recordCheck: (source, checkedAt, error, state) =>
        guarded(
          `recording the check of ${source}`,
          async () => (checkOpen(), ledger.recordCheck(source, checkedAt, error, state)),
        ),
    },
    findDat: (datPath) =>
      guarded(`looking up DAT ${datPath}`, async () => (checkOpen(), findDat(sql, datPath))),
    listDats: (filter) => guarded('listing DATs', async () => (checkOpen(), listDats(sql, filter))),
    findRoms: (query, limit) =>
      guarded('looking up ROMs', async () => (checkOpen(), findRoms(await prisma(), label, query, limit))),
    readGames(datPath) {
      checkOpen();
      return (async function* () {
        yield* readGames(await prisma(), datPath);
      })();
    },
    removeDat: (datPath) =>
      guarded(`removing DAT ${datPath}`, async () => {
        checkOpen();
        await gate.whenIdle();
        checkOpen();
        return backend.removeDat(datPath);
      }),
    listChangeSets: (query) =>
      guarded('listing change sets', async () => (checkOpen(), listChangeSets(await prisma(), query))),
    copyChangeSets: (records) =>
      guarded('copying change sets', async () => {
        checkOpen();
        await gate.whenIdle();
        return copyChangeSets(await prisma(), records);
      }),
    get scan() {
      scanStore ??= backend.scan(gate);
      return scanStore;
    },
    get lookup() {
      checkOpen();
      lookup ??= backend.lookup();
      return lookup;
    },
    beginDatImport(dat, options = {}) {
      checkOpen();
      const writer = backend.beginImport(gate, dat, options);
      current = writer;
      return {
        addGame(game) {
          try {
            writer.addGame(game);
          } catch (error) {
            distrust(error);
          }
        },
        commit: () => writer.commit().catch(distrust),
        abort: () => writer.abort(),
      };
    },
    info: () => guarded('reading the catalogue version', async () => (checkOpen(), backend.info())),
    async close() {
      if (closed) return;
      closed = true;
      current?.abort();
      await backend.close({ trusted });
    },
  };
}
