// What the store needs from an engine: plain SQL, the typed client, the bulk writer and a way to close.
import type { Engine } from './catalogue-location.js';
import type { PrismaClient } from './generated/prisma/client.js';
import type { CatalogueLookup } from './catalogue-lookup.js';
import type { ScanStore } from './scan-store.js';
import type { SqlRunner } from './sql-runner.js';
import type { DatImportWriter, DatInput, ImportOptions } from './types.js';
import type { WriteGate } from './write-gate.js';

export interface CatalogueInfo {
  engine: Engine;
  /** The file path, or the URL without its password. */
  location: string;
  /** "SQLite 3.50.4" or "PostgreSQL 15.14". */
  server: string;
  /** Migrations recorded in the catalogue (0 when there is none yet). */
  schemaVersion: number;
  /** Migrations this rommer ships. */
  latestVersion: number;
}

export interface Backend {
  readonly engine: Engine;
  readonly label: string;
  /** Plain SQL on the catalogue (the ledger, the DAT list: see sql-runner.ts). */
  readonly sql: SqlRunner;
  /**
   * The generated client for this engine, started on first use. Both are generated from the same
   * models and expose the same model API, so the store's queries are written once against the
   * SQLite client's types.
   */
  prisma(): Promise<PrismaClient>;
  /** SQLite: the warning when a damaged file was moved aside and a new catalogue started; else null. */
  readonly rebuilt: string | null;
  /** SQLite: `PRAGMA integrity_check` problems; PostgreSQL keeps its own integrity: []. */
  integrityCheck(): Promise<string[]>;
  beginImport(gate: WriteGate, dat: DatInput, options: ImportOptions): DatImportWriter;
  /** Forgets a DAT, its rows and its change sets, recording its removal, in one transaction. */
  removeDat(path: string): Promise<boolean>;
  /** The scan's hash cache, or a StoreError saying why this engine keeps none. */
  scan(gate: WriteGate): ScanStore;
  /** The scan's look-ups in the catalogue. */
  lookup(): CatalogueLookup;
  info(): Promise<CatalogueInfo>;
  /**
   * Waits for an aborted import's rollback, then closes every connection. `trusted`: this session
   * saw no error from the catalogue, so SQLite may skip quick_check on the next open.
   */
  close(options: { trusted: boolean }): Promise<void>;
}
