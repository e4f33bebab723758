// A big PostgreSQL import without the secondary indexes and the game/ROM/disk foreign keys, built
// again before the commit (defer-indexes.ts says when). Each ROM row otherwise updates every B-tree
// of rom and runs a foreign-key check: copying 300k ROMs took 7.9 s that way (seven indexes then),
// 1.7 s with the rebuild included. DDL is transactional, so a rollback or a killed process brings
// everything back. Dropping needs the four tables (dat too: game's key points at it) to itself: the
// lock is tried without waiting, and when another session is using them (a second machine
// importing, a reader) the import keeps the indexes and runs as usual.
import type pg from 'pg';
import { deferIndexesUpTo } from './defer-indexes.js';

const TABLES = `'game'::regclass, 'rom'::regclass, 'disk'::regclass`;

/** What was dropped, in the order to build it again. */
export interface DeferredIndexes {
  indexes: { name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Drops the indexes and foreign keys when the DAT is large against the catalogue and no one else uses the tables. */
export async function deferIndexesPg(
  client: pg.ClientBase,
  size: number,
  replacedRoms: number,
): Promise<DeferredIndexes | null> {
  const upTo = deferIndexesUpTo(size, replacedRoms);
  if (upTo === null) return null;
  // Counting stops past the bound, so a large catalogue costs no full scan.
  const { rows: counted } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM rom LIMIT $1) held`,
    [upTo + 1],
  );
  if (counted[0]!.n > upTo) return null;
  await client.query('SAVEPOINT defer_indexes');
  try {
    await client.query('LOCK TABLE dat, game, rom, disk IN ACCESS EXCLUSIVE MODE NOWAIT');
  } catch (error) {
    if ((error as { code?: string }).code !== '55P03') throw error;
    await client.query('ROLLBACK TO SAVEPOINT defer_indexes');
    return null;
  }
  await client.query('RELEASE SAVEPOINT defer_indexes');
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid IN (${TABLES}) AND NOT i.indisprimary AND NOT i.indisunique
     ORDER BY c.relname`,
  );
  const { rows: foreignKeys } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('game'::regclass, 'rom'::regclass, 'disk'::regclass)
     ORDER BY conname`,
  );
  for (const key of foreignKeys)
    await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${quoteIdent(key.name)}`);
  for (const index of indexes) await client.query(`DROP INDEX ${quoteIdent(index.name)}`);
  return { indexes, foreignKeys };
}

/** Builds what deferIndexesPg dropped, inside the same transaction. */
export async function restoreIndexesPg(client: pg.ClientBase, deferred: DeferredIndexes): Promise<void> {
  // Index builds sort in memory up to this much each (the default, 64 MB, spills a MAME import to disk).
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const index of deferred.indexes) await client.query(index.definition);
  for (const key of deferred.foreignKeys)
    await client.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`);
}
