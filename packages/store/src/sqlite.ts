import Database from 'better-sqlite3';

/** How long a statement waits for another process's write lock before failing (milliseconds). */
export const BUSY_TIMEOUT_MS = 5_000;
/** The page cache of the connection (KiB). */
export const CACHE_KIB = 65_536;
/** The page cache while a DAT is loaded without its indexes (bulk-writer.ts). */
export const BULK_LOAD_CACHE_KIB = 16_384;

/**
 * Opens the raw connection used for migrations and the bulk writer. WAL lets Prisma's connection
 * read while an import is open; synchronous=NORMAL is durable in WAL mode except for the last
 * transactions on power loss, never corrupt; a bigger page cache keeps index inserts in memory.
 * `readOnly` opens an existing file for reading only and changes none of its settings. WAL is
 * turned on by `tryWalMode` once the file is known to be rommer's (a refused file stays untouched).
 */
export function openSqlite(file: string, options: { readOnly?: boolean } = {}): Database.Database {
  const readOnly = options.readOnly === true;
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS, readonly: readOnly, fileMustExist: readOnly });
  try {
    if (!readOnly) {
      db.pragma('synchronous = NORMAL');
      // A big import leaves a big WAL behind; let checkpoints shrink it back to 64 MiB.
      db.pragma('journal_size_limit = 67108864');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * WAL mode at open, without waiting: a file another process holds in a rollback-journal write is
 * read as it is, and the next bulk import turns WAL on (waiting its turn, as every write does).
 */
export function tryWalMode(db: Database.Database): void {
  db.pragma('busy_timeout = 0');
  try {
    useWalMode(db);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

export function useWalMode(db: Database.Database): void {
  // A connection learns that another one left WAL mode only when it next reads the file; until
  // then setting WAL is a no-op on its own idea of the mode.
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.pragma('journal_mode = WAL');
}

/**
 * Leaves WAL mode as this connection closes, so that the file at rest needs no `-shm` file: SQLite
 * cannot open a WAL database where it may not create one (a read-only data folder), but it reads a
 * rollback-journal one there. It needs the file's exclusive lock: with a transaction open anywhere
 * the mode stays, at once (no busy wait). Another process that merely has the file open goes on in
 * rollback-journal mode, safely, and its next bulk import turns WAL on again (bulk-writer.ts).
 */
export function leaveWalMode(db: Database.Database): void {
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
  } catch {
    // Busy (a transaction elsewhere) or read-only: the mode stays as it was.
  }
}
