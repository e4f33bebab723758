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
 */
export function openSqlite(file: string): Database.Database {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    // A big import leaves a big WAL behind; let checkpoints shrink it back to 64 MiB.
    db.pragma('journal_size_limit = 67108864');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
