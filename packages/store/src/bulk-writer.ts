// The import path: raw better-sqlite3 prepared statements inside one transaction per DAT, because
// going row by row through the ORM is ~17× slower (STACK.md). The transaction stays open across
// addGame() calls, so a streaming parser can feed it; nothing is visible to readers until commit().
// ROMs and disks go in multi-row INSERTs (row-batch.ts). A DAT large against the catalogue is
// written without the secondary indexes, which are rebuilt before the commit: sorting once costs
// about half of updating five B-trees per row (tools/bench/store-bulk.mjs).
import type Database from 'better-sqlite3';
import { importChangeSetHeader } from './change-set-header.js';
import { ChangeStatements, type HeldVersion } from './change-statements.js';
import { checkDat } from './dat-input-check.js';
import { deferIndexesUpTo } from './defer-indexes.js';
import { StoreError } from './errors.js';
import { toDatRecord, type DatRow } from './dat-record.js';
import { errorLine } from './error-text.js';
import { normaliseCrc, normaliseHash } from './normalise.js';
import { RowBatch } from './row-batch.js';
import { BULK_LOAD_CACHE_KIB, CACHE_KIB, useWalMode } from './sqlite.js';
import type { ChangeCounts, CommittedDat, DatImportWriter, DatInput, GameInput, ImportOptions, StoredRom } from './types.js';
import type { WriteGate } from './write-gate.js';

/** The statements of one connection, prepared once and reused by every import. */
export class BulkStatements {
  readonly upsertDat: Database.Statement;
  readonly clearGames: Database.Statement;
  readonly insertGame: Database.Statement;
  /** ROM and disk rows one statement at a time (while indexes are kept up to date) or batched. */
  readonly roms: { single: RowBatch; batched: RowBatch };
  readonly disks: { single: RowBatch; batched: RowBatch };
  readonly romCount: Database.Statement;
  readonly tableIndexes: Database.Statement;
  readonly setCounts: Database.Statement;
  readonly selectDat: Database.Statement;
  readonly selectDatByPath: Database.Statement;
  readonly changes: ChangeStatements;

  constructor(readonly db: Database.Database) {
    this.changes = new ChangeStatements(db);
    // Keep the row id of a DAT that is imported again; its old games go (their ROMs and disks
    // follow through ON DELETE CASCADE).
    this.upsertDat = db.prepare(
      `INSERT INTO dat (source, path, format, name, description, category, version, date, author, homepage, url, comment, size, sha1, imported_at, identity, source_version, game_count, rom_count, disk_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)
       ON CONFLICT (path) DO UPDATE SET source = excluded.source, format = excluded.format, name = excluded.name,
         description = excluded.description, category = excluded.category, version = excluded.version, date = excluded.date,
         author = excluded.author, homepage = excluded.homepage, url = excluded.url, comment = excluded.comment,
         size = excluded.size, sha1 = excluded.sha1, imported_at = excluded.imported_at,
         identity = excluded.identity, source_version = excluded.source_version, game_count = 0, rom_count = 0, disk_count = 0
       RETURNING id`,
    );
    this.clearGames = db.prepare(`DELETE FROM game WHERE dat_id = ?`);
    this.insertGame = db.prepare(
      `INSERT INTO game (dat_id, name, description, year, manufacturer, clone_of, rom_of, is_bios, is_device, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const romColumns = ['game_id', 'name', 'size', 'crc', 'md5', 'sha1', 'sha256', 'status', 'merge', 'serial'];
    const diskColumns = ['game_id', 'name', 'md5', 'sha1', 'status', 'merge'];
    this.roms = { single: new RowBatch(db, 'rom', romColumns, 1), batched: new RowBatch(db, 'rom', romColumns) };
    this.disks = { single: new RowBatch(db, 'disk', diskColumns, 1), batched: new RowBatch(db, 'disk', diskColumns) };
    this.romCount = db.prepare(`SELECT count(*) FROM rom`).pluck();
    this.tableIndexes = db.prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('game', 'rom', 'disk') ORDER BY name`,
    );
    this.setCounts = db.prepare(`UPDATE dat SET game_count = ?, rom_count = ?, disk_count = ? WHERE id = ?`);
    this.selectDat = db.prepare(
      `SELECT id, source, path, format, name, description, category, version, date, author, homepage, url, comment, size, sha1,
              imported_at AS importedAt, game_count AS gameCount, rom_count AS romCount, disk_count AS diskCount
       FROM dat WHERE id = ?`,
    );
    this.selectDatByPath = db.prepare(
      `SELECT id, source, path, format, name, description, category, version, date, author, homepage, url, comment, size, sha1,
              imported_at AS importedAt, game_count AS gameCount, rom_count AS romCount, disk_count AS diskCount
       FROM dat WHERE path = ?`,
    );
  }
}

/** Whether to build the secondary indexes after the rows (see defer-indexes.ts). */
function shouldDeferIndexes(statements: BulkStatements, size: number, replacedRoms: number): boolean {
  const upTo = deferIndexesUpTo(size, replacedRoms);
  return upTo !== null && (statements.romCount.get() as number) <= upTo;
}

function optional(value: string | null | undefined): string | null {
  return value === undefined ? null : value;
}

/** The DAT stored at this path when it is this very file from this source (skipIfCurrent). */
function currentRow(statements: BulkStatements, dat: DatInput): DatRow | undefined {
  const row = statements.selectDatByPath.get(dat.path) as DatRow | undefined;
  const same = row !== undefined && row.sha1 === dat.sha1.toLowerCase() && Number(row.size) === dat.size && row.source === dat.source;
  return same ? row : undefined;
}

/**
 * Starts replacing one DAT's rows; see DatImportWriter. With a change tracker the old games stay
 * until commit() (the new ones get higher ids), which diffs the two in SQL order and records the
 * change set in the same transaction, then drops the old rows; without one they go at once.
 */
export function beginDatImport(
  statements: BulkStatements,
  gate: WriteGate,
  file: string,
  dat: DatInput,
  options: ImportOptions = {},
): DatImportWriter {
  checkDat(file, dat);
  const tracker = options.changes;
  // Without a tracker the identity stays unknown (null) until a tracked import derives it.
  const identity = dat.identity ?? tracker?.identityOf(dat.path) ?? null;
  const { db } = statements;
  const release = gate.enterImport(file, dat.path);
  let state: 'open' | 'committed' | 'aborted' = 'open';
  let datId = 0;
  let deferredIndexes: { name: string; sql: string }[] = [];
  let romRows = statements.roms.single;
  let diskRows = statements.disks.single;
  let games = 0;
  let roms = 0;
  let disks = 0;
  let held: HeldVersion | undefined;
  let lastOldGame = 0;

  function restoreCache(): void {
    if (deferredIndexes.length > 0) db.pragma(`cache_size = -${CACHE_KIB}`);
  }
  function rollback(): void {
    if (state !== 'open') return;
    state = 'aborted';
    romRows.discard();
    diskRows.discard();
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
      restoreCache();
    } finally {
      release();
    }
  }
  /** Any failure ends the import: the transaction rolls back and the previous contents stay. */
  function fail(action: string, error: unknown): never {
    rollback();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`${file}: ${action} of ${dat.path} failed: ${errorLine(error)}`, { cause: error });
  }
  function unchangedWriter(current: DatRow): DatImportWriter {
    db.exec('ROLLBACK');
    state = 'committed';
    release();
    const record = toDatRecord(current);
    return {
      addGame() {},
      commit: (): Promise<CommittedDat> => Promise.resolve({ ...record, unchanged: true }),
      abort() {},
    };
  }
  function ensureOpen(action: string): void {
    if (state !== 'open') throw new StoreError(`${file}: cannot ${action} the import of ${dat.path}: it was already ${state}`);
  }

  try {
    // Another process closing the file may have taken it out of WAL mode (sqlite.ts, leaveWalMode):
    // a big import must not run in rollback-journal mode, where a spilled cache locks out readers.
    useWalMode(db);
    // IMMEDIATE takes the write lock now (waiting up to the busy timeout for another process),
    // rather than failing half-way through the DAT.
    db.exec('BEGIN IMMEDIATE');
    const current = options.skipIfCurrent === true ? currentRow(statements, dat) : undefined;
    if (current !== undefined) return unchangedWriter(current);
    const header = dat.header ?? {};
    if (tracker !== undefined) {
      held = statements.changes.findHeld(dat.path, identity!, dat.source, tracker);
      if (held !== undefined && held.path !== dat.path) statements.changes.movePath(held.id, dat.path);
    }
    const row = statements.upsertDat.get(
      dat.source,
      dat.path,
      dat.format,
      optional(header.name),
      optional(header.description),
      optional(header.category),
      optional(header.version),
      optional(header.date),
      optional(header.author),
      optional(header.homepage),
      optional(header.url),
      optional(header.comment),
      dat.size,
      dat.sha1.toLowerCase(),
      Date.now(),
      identity,
      dat.sourceVersion ?? null,
    ) as { id: number };
    datId = row.id;
    // The old rows go first, while the indexes their cascading delete needs are in place; with a
    // tracker they stay for the diff and go at commit, after the indexes are back.
    if (tracker === undefined) statements.clearGames.run(datId);
    else if (held !== undefined) lastOldGame = statements.changes.lastGameId(datId);
    if (shouldDeferIndexes(statements, dat.size, held?.romCount ?? 0)) {
      // DDL is transactional: a rollback or a killed process brings the indexes back.
      deferredIndexes = statements.tableIndexes.all() as { name: string; sql: string }[];
      for (const index of deferredIndexes) db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
      // Appending needs little page cache, and the index sorts below take up to the cache size
      // each: a smaller cache keeps a big import's peak RSS ~45 MB lower at no measurable cost.
      db.pragma(`cache_size = -${BULK_LOAD_CACHE_KIB}`);
      romRows = statements.roms.batched;
      diskRows = statements.disks.batched;
    }
  } catch (error) {
    fail('starting the import', error);
  }

  /** The change set against the version held, in the import's transaction; null when nothing changed. */
  function recordChanges(): ChangeCounts | null {
    const changes = statements.changes;
    const header = importChangeSetHeader(dat, identity!, held);
    if (held === undefined) return changes.recordAll(header, datId, 'added');
    changes.backfillContent(datId, lastOldGame, tracker!);
    const details = tracker!.diff(changes.view(datId, lastOldGame));
    changes.deleteOldGames(datId, lastOldGame);
    const total = details.added.length + details.removed.length + details.renamed.length + details.changed.length;
    if (total === 0) return null;
    return changes.record(header, details);
  }

  const { insertGame } = statements;
  return {
    addGame(game: GameInput): void {
      ensureOpen('add a game to');
      try {
        if (typeof game.name !== 'string') throw new StoreError(`${file}: game ${games + 1} of ${dat.path} has no name`);
        // ROMs and disks are written in batches, where a database error could not name the game.
        for (let i = 0; i < game.roms.length; i++) if (typeof game.roms[i]!.name !== 'string') throw new Error(`ROM ${i + 1} has no name`);
        for (let i = 0; i < game.disks.length; i++) if (typeof game.disks[i]!.name !== 'string') throw new Error(`disk ${i + 1} has no name`);
        let stored: StoredRom[] | undefined;
        if (tracker !== undefined) {
          stored = game.roms.map((rom) => ({
            name: rom.name,
            size: Number.isSafeInteger(rom.size) ? (rom.size as number) : null,
            crc: normaliseCrc(rom.crc),
            md5: normaliseHash(rom.md5),
            sha1: normaliseHash(rom.sha1),
          }));
        }
        const gameId = insertGame.run(
          datId,
          game.name,
          optional(game.description),
          optional(game.year),
          optional(game.manufacturer),
          optional(game.cloneOf),
          optional(game.romOf),
          game.isBios === true ? 1 : 0,
          game.isDevice === true ? 1 : 0,
          stored === undefined ? null : tracker!.contentOf(stored),
        ).lastInsertRowid;
        for (const [index, rom] of game.roms.entries()) {
          const values = stored?.[index];
          romRows.add(
            gameId,
            rom.name,
            // A size that is not a whole number (a parser's NaN) is unknown, not a REAL in a BIGINT column.
            values !== undefined ? values.size : Number.isSafeInteger(rom.size) ? rom.size : null,
            values !== undefined ? values.crc : normaliseCrc(rom.crc),
            values !== undefined ? values.md5 : normaliseHash(rom.md5),
            values !== undefined ? values.sha1 : normaliseHash(rom.sha1),
            normaliseHash(rom.sha256),
            optional(rom.status),
            optional(rom.merge),
            optional(rom.serial),
          );
        }
        for (const disk of game.disks) {
          diskRows.add(gameId, disk.name, normaliseHash(disk.md5), normaliseHash(disk.sha1), optional(disk.status), optional(disk.merge));
        }
        games += 1;
        roms += game.roms.length;
        disks += game.disks.length;
      } catch (error) {
        fail(`writing game ${JSON.stringify(game.name)}`, error);
      }
    },

    commit(): Promise<CommittedDat> {
      // A throw inside the executor becomes the promise's rejection, as on PostgreSQL.
      return new Promise((resolve) => {
        ensureOpen('commit');
        resolve(commitNow());
      });
    },

    abort() {
      rollback();
    },
  };

  function commitNow(): CommittedDat {
    try {
      romRows.flush();
      diskRows.flush();
      for (const index of deferredIndexes) db.exec(index.sql);
      // With the indexes back: the diff reads by name and the old rows' cascade finds their ROMs.
      const changes = tracker === undefined ? null : recordChanges();
      statements.setCounts.run(games, roms, disks, datId);
      const row = statements.selectDat.get(datId) as DatRow;
      db.exec('COMMIT');
      state = 'committed';
      restoreCache();
      release();
      return changes === null ? toDatRecord(row) : { ...toDatRecord(row), changes };
    } catch (error) {
      return fail('committing the import', error);
    }
  }
}
