// The import path on PostgreSQL: one transaction per DAT on a connection of its own; games are
// collected in batches and each batch goes to the server as COPY … FROM STDIN (pg-copy-streams),
// game rows first (with ids drawn from game's sequence, so ROMs and disks can name them), then ROMs,
// then disks. addGame() stays synchronous like SQLite's: the batches are sent in the background, in
// order, and commit() waits for them. A transaction-level advisory lock per DAT identity (source and
// identity; the path when there is none) serialises two machines importing the same DAT, even under
// a new dated file name; the second one re-reads the rows under the lock. With a change tracker the
// old games stay until commit, which diffs the versions and records the change set (pg-changes.ts).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StoreError } from './errors.js';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyBoolean, copyInteger, copyText } from './copy-text.js';
import { checkDat, gameProblem } from './dat-input-check.js';
import { toDatRecord, type DatRow } from './dat-record.js';
import { errorLine } from './error-text.js';
import { normaliseCrc, normaliseHash } from './normalise.js';
import { deferIndexesPg, restoreIndexesPg, type DeferredIndexes } from './pg-deferred-indexes.js';
import { LOCK_NAMESPACE } from './pg-migrations.js';
import { importChangeSetHeader } from './change-set-header.js';
import type { HeldVersion } from './change-statements.js';
import {
  backfillContentPg,
  deleteOldGamesPg,
  diffVersionsPg,
  findHeldPg,
  lastGameIdPg,
  recordAllPg,
  recordPg,
} from './pg-changes.js';
import type {
  ChangeCounts,
  ChangeTracker,
  CommittedDat,
  DatInput,
  DatImportWriter,
  GameInput,
  ImportOptions,
  StoredRom,
} from './types.js';
import type { WriteGate } from './write-gate.js';

/** A batch goes out when it holds this many games or ROMs, whichever comes first. */
const BATCH_GAMES = 2_000;
const BATCH_ROMS = 20_000;

const DAT_COLUMNS = `id, source, path, format, name, description, category, version, date, author, homepage, url, comment, size, sha1,
  imported_at AS "importedAt", game_count AS "gameCount", rom_count AS "romCount", disk_count AS "diskCount"`;

/** The advisory lock of one DAT (two-key form: LOCK_NAMESPACE + 1, then a hash of its identity). */
export const DAT_LOCK_SQL = `SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE + 1}, hashtext($1))`;

/** What the lock is keyed on: the DAT's source and identity (its path when it has no identity yet). */
export function datLockKey(source: string | null, identity: string | null, path: string): string {
  return identity === null ? `path ${path}` : `${source ?? ''} ${identity}`;
}

async function copyRows(client: pg.PoolClient, sql: string, rows: string): Promise<void> {
  if (rows === '') return;
  await pipeline(Readable.from([rows]), client.query(copyFrom(sql)));
}

/** Game ids for a batch, drawn from game's own sequence so they never collide with another machine's. */
async function gameIds(client: pg.PoolClient, count: number): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('game', 'id'))::int AS id FROM generate_series(1, $1)`,
    [count],
  );
  return rows.map((row) => row.id);
}

function storedRoms(game: GameInput): StoredRom[] {
  return game.roms.map((rom) => ({
    name: rom.name,
    size: Number.isSafeInteger(rom.size) ? (rom.size as number) : null,
    crc: normaliseCrc(rom.crc),
    md5: normaliseHash(rom.md5),
    sha1: normaliseHash(rom.sha1),
  }));
}

async function sendBatch(
  client: pg.PoolClient,
  datId: number,
  batch: GameInput[],
  tracker: ChangeTracker | undefined,
): Promise<void> {
  const ids = await gameIds(client, batch.length);
  let gameRows = '';
  let romRows = '';
  let diskRows = '';
  for (let g = 0; g < batch.length; g++) {
    const game = batch[g]!;
    const id = String(ids[g]);
    gameRows += `${id}\t${datId}\t${copyText(game.name)}\t${copyText(game.description)}\t${copyText(game.year)}\t${copyText(game.manufacturer)}\t${copyText(game.cloneOf)}\t${copyText(game.romOf)}\t${copyBoolean(game.isBios === true)}\t${copyBoolean(game.isDevice === true)}\t${tracker === undefined ? '\\N' : copyText(tracker.contentOf(storedRoms(game)))}\n`;
    for (const rom of game.roms) {
      romRows += `${id}\t${copyText(rom.name)}\t${copyInteger(rom.size)}\t${copyText(normaliseCrc(rom.crc))}\t${copyText(normaliseHash(rom.md5))}\t${copyText(normaliseHash(rom.sha1))}\t${copyText(normaliseHash(rom.sha256))}\t${copyText(rom.status)}\t${copyText(rom.merge)}\t${copyText(rom.serial)}\n`;
    }
    for (const disk of game.disks) {
      diskRows += `${id}\t${copyText(disk.name)}\t${copyText(normaliseHash(disk.md5))}\t${copyText(normaliseHash(disk.sha1))}\t${copyText(disk.status)}\t${copyText(disk.merge)}\n`;
    }
  }
  await copyRows(
    client,
    'COPY game (id, dat_id, name, description, year, manufacturer, clone_of, rom_of, is_bios, is_device, content) FROM STDIN',
    gameRows,
  );
  await copyRows(
    client,
    'COPY rom (game_id, name, size, crc, md5, sha1, sha256, status, merge, serial) FROM STDIN',
    romRows,
  );
  await copyRows(client, 'COPY disk (game_id, name, md5, sha1, status, merge) FROM STDIN', diskRows);
}

/** Starts replacing one DAT's rows on PostgreSQL; see DatImportWriter. */
export function beginPostgresDatImport(
  pool: pg.Pool,
  gate: WriteGate,
  label: string,
  dat: DatInput,
  options: ImportOptions = {},
): DatImportWriter & { settled: Promise<void> } {
  checkDat(label, dat);
  const tracker = options.changes;
  const identity = dat.identity ?? tracker?.identityOf(dat.path) ?? null;
  const release = gate.enterImport(label, dat.path);
  let state: 'open' | 'committed' | 'aborted' = 'open';
  let client: pg.PoolClient | undefined;
  let datId = 0;
  /** skipIfCurrent found this very DAT stored: nothing is written. */
  let current: DatRow | undefined;
  /** The version this import replaces, when tracked. */
  let held: HeldVersion | undefined;
  let lastOldGame = 0;
  /** Dropped for a big import, built again before the commit. */
  let deferred: DeferredIndexes | null = null;
  let games = 0;
  let roms = 0;
  let disks = 0;
  let batch: GameInput[] = [];
  let batchRoms = 0;
  /** The first failure of the background work; every later call reports it. */
  let failed: StoreError | undefined;

  const toError = (action: string, error: unknown): StoreError =>
    error instanceof StoreError
      ? error
      : new StoreError(`${label}: ${action} of ${dat.path} failed: ${errorLine(error)}`, { cause: error });

  /** Runs one step after the previous ones; a failure is kept and stops the rest. */
  let work: Promise<void> = Promise.resolve();
  const then = (action: string, step: () => Promise<void>): void => {
    work = work.then(async () => {
      if (failed !== undefined || state === 'aborted') return;
      try {
        await step();
      } catch (error) {
        failed = toError(action, error);
      }
    });
  };

  then('starting the import', async () => {
    client = await pool.connect();
    await client.query('BEGIN');
    await client.query(DAT_LOCK_SQL, [datLockKey(dat.source, identity, dat.path)]);
    if (options.skipIfCurrent === true) {
      const { rows } = await client.query<DatRow>(`SELECT ${DAT_COLUMNS} FROM dat WHERE path = $1`, [
        dat.path,
      ]);
      const row = rows[0];
      if (
        row !== undefined &&
        row.sha1 === dat.sha1.toLowerCase() &&
        Number(row.size) === dat.size &&
        row.source === dat.source
      ) {
        current = row;
        return;
      }
    }
    if (tracker !== undefined) {
      held = await findHeldPg(client, dat.path, identity!, dat.source, tracker);
      if (held !== undefined && held.path !== dat.path)
        await client.query(`UPDATE dat SET path = $1 WHERE id = $2`, [dat.path, held.id]);
    }
    const header = dat.header ?? {};
    // Keep the row id of a DAT imported again; its old games go (ROMs and disks by ON DELETE CASCADE).
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO dat (source, path, format, name, description, category, version, date, author, homepage, url, comment, size, sha1, imported_at, identity, source_version, game_count, rom_count, disk_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 0, 0, 0)
       ON CONFLICT (path) DO UPDATE SET source = excluded.source, format = excluded.format, name = excluded.name,
         description = excluded.description, category = excluded.category, version = excluded.version, date = excluded.date,
         author = excluded.author, homepage = excluded.homepage, url = excluded.url, comment = excluded.comment,
         size = excluded.size, sha1 = excluded.sha1, imported_at = excluded.imported_at,
         identity = excluded.identity, source_version = excluded.source_version, game_count = 0, rom_count = 0, disk_count = 0
       RETURNING id`,
      [
        dat.source,
        dat.path,
        dat.format,
        header.name ?? null,
        header.description ?? null,
        header.category ?? null,
        header.version ?? null,
        header.date ?? null,
        header.author ?? null,
        header.homepage ?? null,
        header.url ?? null,
        header.comment ?? null,
        dat.size,
        dat.sha1.toLowerCase(),
        Date.now(),
        identity,
        dat.sourceVersion ?? null,
      ],
    );
    datId = rows[0]!.id;
    // Tracked, the old games stay for the diff at commit (the new ones get higher ids from the sequence).
    if (tracker === undefined) await client.query('DELETE FROM game WHERE dat_id = $1', [datId]);
    else if (held !== undefined) lastOldGame = await lastGameIdPg(client, datId);
    // After the old rows' cascading delete, which needs the indexes.
    deferred = await deferIndexesPg(client, dat.size, held?.romCount ?? 0);
  });

  const flush = (): void => {
    if (batch.length === 0) return;
    const sending = batch;
    batch = [];
    batchRoms = 0;
    then('writing the games', () =>
      current !== undefined ? Promise.resolve() : sendBatch(client!, datId, sending, tracker),
    );
  };

  /** Ends the transaction (COMMIT or ROLLBACK) and gives the connection back. */
  const finish = async (sql: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
    const open = client;
    client = undefined;
    if (open === undefined) return;
    try {
      await open.query(sql);
      open.release();
    } catch (error) {
      // A connection in an unknown state is dropped rather than reused.
      open.release(error as Error);
      if (sql === 'COMMIT') throw error;
    }
  };

  /** The change set against the version held, in the import's transaction; null when nothing changed. */
  const recordChanges = async (
    connection: pg.PoolClient,
    changeTracker: ChangeTracker,
  ): Promise<ChangeCounts | null> => {
    const header = importChangeSetHeader(dat, identity!, held);
    if (held === undefined) return recordAllPg(connection, header, datId, 'added');
    await backfillContentPg(connection, datId, lastOldGame, changeTracker);
    const details = await diffVersionsPg(connection, datId, lastOldGame, changeTracker);
    await deleteOldGamesPg(connection, datId, lastOldGame);
    if (details.added.length + details.removed.length + details.renamed.length + details.changed.length === 0)
      return null;
    return recordPg(connection, header, details);
  };

  const ensureOpen = (action: string): void => {
    if (state !== 'open')
      throw new StoreError(`${label}: cannot ${action} the import of ${dat.path}: it was already ${state}`);
  };

  const rollback = (): void => {
    if (state !== 'open') return;
    state = 'aborted';
    work = work.then(() => finish('ROLLBACK')).finally(release);
  };

  return {
    get settled() {
      return work.catch(() => undefined);
    },

    addGame(game) {
      ensureOpen('add a game to');
      const problem = failed === undefined ? gameProblem(game, games + 1) : undefined;
      if (failed !== undefined || problem !== undefined) {
        const error =
          failed ??
          new StoreError(
            `${label}: writing game ${JSON.stringify(game.name)} of ${dat.path} failed: ${problem}`,
          );
        rollback();
        throw error;
      }
      games += 1;
      roms += game.roms.length;
      disks += game.disks.length;
      batch.push(game);
      batchRoms += game.roms.length;
      if (batch.length >= BATCH_GAMES || batchRoms >= BATCH_ROMS) flush();
    },

    async commit(): Promise<CommittedDat> {
      ensureOpen('commit');
      flush();
      let row: DatRow | undefined;
      let changes: ChangeCounts | null = null;
      then('committing the import', async () => {
        if (current !== undefined) {
          row = current;
          await finish('ROLLBACK');
          return;
        }
        // With the indexes back: the diff reads by name and the old rows' cascade finds their ROMs.
        if (deferred !== null) await restoreIndexesPg(client!, deferred);
        if (tracker !== undefined) changes = await recordChanges(client!, tracker);
        const { rows } = await client!.query<DatRow>(
          `UPDATE dat SET game_count = $1, rom_count = $2, disk_count = $3 WHERE id = $4 RETURNING ${DAT_COLUMNS}`,
          [games, roms, disks, datId],
        );
        row = rows[0];
        await finish('COMMIT');
      });
      await work;
      if (failed !== undefined || row === undefined) {
        const error =
          failed ??
          new StoreError(`${label}: committing the import of ${dat.path} failed: the DAT row vanished`);
        rollback();
        await work;
        throw error;
      }
      state = 'committed';
      release();
      if (current !== undefined) return { ...toDatRecord(row), unchanged: true };
      const counts = changes as ChangeCounts | null;
      return counts === null ? toDatRecord(row) : { ...toDatRecord(row), changes: counts };
    },

    abort() {
      rollback();
    },
  };
}
