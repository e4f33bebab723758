// The PostgreSQL engine: one connection pool shared by Prisma's pg adapter (typed queries, the
// ledger), the migrations (applied on open under an advisory lock) and the COPY bulk writer.
import { PrismaPg } from '@prisma/adapter-pg';
import { StoreError } from './errors.js';
import type pg from 'pg';
import type { Backend } from './backend.js';
import { pgErrorLine } from './error-text.js';
import { createPgLookup } from './pg-lookup.js';
import type { PrismaClient as SqlitePrismaClient } from './generated/prisma/client.js';
import { PrismaClient } from './generated/prisma-pg/client.js';
import { appliedMigrations, loadPostgresMigrations, migratePostgres } from './pg-migrations.js';
import { removeDatPg } from './pg-changes.js';
import { beginPostgresDatImport, DAT_LOCK_SQL, datLockKey } from './pg-bulk-writer.js';
import { createPool } from './pg-connection.js';
import { pgRunner } from './sql-runner.js';

export async function openPostgresBackend(url: string, label: string): Promise<Backend> {
  let pool: pg.Pool;
  try {
    pool = createPool(url);
  } catch (error) {
    throw new StoreError(`${label}: cannot open the catalogue: ${pgErrorLine(error)}`, { cause: error });
  }
  let prisma: PrismaClient | undefined;
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, label);
    } finally {
      client.release();
    }
    prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    await prisma.$connect();
    const typed = prisma as unknown as SqlitePrismaClient;
    let lastImport: { settled: Promise<void> } | undefined;
    return {
      engine: 'postgresql',
      label,
      sql: pgRunner(pool),
      prisma: () => Promise.resolve(typed),
      rebuilt: null,
      integrityCheck: () => Promise.resolve([]),
      beginImport(gate, dat, options) {
        const writer = beginPostgresDatImport(pool, gate, label, dat, options);
        lastImport = writer;
        return writer;
      },
      async removeDat(datPath) {
        const connection = await pool.connect();
        try {
          await connection.query('BEGIN');
          // Under the DAT's import lock: a removal never interleaves with another machine's import of it.
          const { rows } = await connection.query<{ source: string | null; identity: string | null }>(
            `SELECT source, identity FROM dat WHERE path = $1`,
            [datPath],
          );
          const row = rows[0];
          if (row === undefined) {
            await connection.query('ROLLBACK');
            return false;
          }
          await connection.query(DAT_LOCK_SQL, [datLockKey(row.source, row.identity, datPath)]);
          const removed = await removeDatPg(connection, datPath, Date.now());
          await connection.query('COMMIT');
          return removed;
        } catch (error) {
          await connection.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          connection.release();
        }
      },
      scan() {
        throw new StoreError(
          `${label}: rommer scan keeps its hash cache with this machine's files, in the data folder's SQLite file, not in a shared PostgreSQL catalogue`,
        );
      },
      lookup: () => createPgLookup(pool, label),
      async info() {
        const connection = await pool.connect();
        try {
          const { rows } = await connection.query<{ v: string }>(
            `SELECT current_setting('server_version') AS v`,
          );
          const applied = await appliedMigrations(connection);
          return {
            engine: 'postgresql',
            location: label,
            server: `PostgreSQL ${rows[0]?.v ?? '?'}`,
            schemaVersion: applied?.length ?? 0,
            latestVersion: loadPostgresMigrations().length,
          };
        } finally {
          connection.release();
        }
      },
      async close() {
        // An aborted import's ROLLBACK runs in the background: let it finish before the pool ends.
        await lastImport?.settled;
        await prisma?.$disconnect();
        await pool.end();
      },
    };
  } catch (error) {
    await prisma?.$disconnect().catch(() => undefined);
    await pool.end().catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError(`${label}: cannot open the catalogue: ${pgErrorLine(error)}`, { cause: error });
  }
}
