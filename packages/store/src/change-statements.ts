// The writer's side of change sets: finding the version held (by path, else by identity), reading
// both versions while they sit side by side in the open import transaction, and recording the
// result. The rules (identity, content, diff) come from a ChangeTracker; this file only moves rows.
// Plain SQL (CASE, GROUP BY, INSERT … SELECT) so another backend can run the same statements.
import { CHANGE_SET_COLUMNS, changeSetValues, removalChangeSetHeader, type ChangeSetHeader } from './change-set-header.js';
import type Database from 'better-sqlite3';
import type { ChangeCounts, ChangeDetails, ChangeTracker, ChangeView, StoredRom, VersionedGame } from './types.js';

/** The version a new import replaces. */
export interface HeldVersion {
  id: number;
  path: string;
  version: string | null;
  sha1: string;
  sourceVersion: string | null;
  /** Its ROM rows, still in the table until the import commits. */
  romCount: number;
}

const BACKFILL_CHUNK = 1_000;

interface RomRow {
  gameId: number;
  name: string | null;
  size: number | bigint | null;
  crc: string | null;
  md5: string | null;
  sha1: string | null;
}

function toStoredRom(row: Omit<RomRow, 'gameId'> & { name: string }): StoredRom {
  return { name: row.name, size: row.size === null ? null : Number(row.size), crc: row.crc, md5: row.md5, sha1: row.sha1 };
}

/** Prepared once per connection, like BulkStatements. */
export class ChangeStatements {
  readonly #heldByPath: Database.Statement;
  readonly #heldByIdentity: Database.Statement;
  readonly #withoutIdentity: Database.Statement;
  readonly #setIdentity: Database.Statement;
  readonly #movePath: Database.Statement;
  readonly #lastGameId: Database.Statement;
  readonly #gamesWithoutContent: Database.Statement;
  readonly #romsOfGames: Database.Statement;
  readonly #setContent: Database.Statement;
  readonly #versions: Database.Statement;
  readonly #oldRoms: Database.Statement;
  readonly #newRoms: Database.Statement;
  readonly #deleteOld: Database.Statement;
  readonly #distinctNames: Database.Statement;
  readonly #insertSet: Database.Statement;
  readonly #insertGame: Database.Statement;
  readonly #insertAllNames: Database.Statement;
  readonly #datToRemove: Database.Statement;
  readonly #deleteHistory: Database.Statement;
  readonly #deleteDat: Database.Statement;

  constructor(db: Database.Database) {
    const held = `SELECT id, path, COALESCE(version, date) AS version, sha1, source_version AS sourceVersion, rom_count AS romCount FROM dat`;
    this.#heldByPath = db.prepare(`${held} WHERE path = ?`);
    this.#heldByIdentity = db.prepare(
      `${held} WHERE identity = ? AND (source = ? OR (source IS NULL AND ? IS NULL)) ORDER BY imported_at DESC, id DESC LIMIT 1`,
    );
    this.#withoutIdentity = db.prepare(`SELECT id, path FROM dat WHERE identity IS NULL`);
    this.#setIdentity = db.prepare(`UPDATE dat SET identity = ? WHERE id = ?`);
    this.#movePath = db.prepare(`UPDATE dat SET path = ? WHERE id = ?`);
    this.#lastGameId = db.prepare(`SELECT COALESCE(MAX(id), 0) AS id FROM game WHERE dat_id = ?`);
    this.#gamesWithoutContent = db.prepare(
      `SELECT id FROM game WHERE dat_id = ? AND id > ? AND id <= ? AND content IS NULL ORDER BY id LIMIT ${BACKFILL_CHUNK}`,
    );
    this.#romsOfGames = db.prepare(
      `SELECT r.game_id AS gameId, r.name, r.size, r.crc, r.md5, r.sha1 FROM game g JOIN rom r ON r.game_id = g.id
       WHERE g.id >= ? AND g.id <= ? AND g.dat_id = ? AND g.content IS NULL ORDER BY r.game_id, r.id`,
    );
    this.#setContent = db.prepare(`UPDATE game SET content = ? WHERE id = ?`);
    this.#versions = db.prepare(
      `SELECT name, CASE WHEN id <= ? THEN 1 ELSE 0 END AS old, content FROM game WHERE dat_id = ? ORDER BY name, old DESC, content`,
    );
    const roms = `SELECT r.name, r.size, r.crc, r.md5, r.sha1 FROM rom r JOIN game g ON g.id = r.game_id WHERE g.dat_id = ? AND g.name = ?`;
    this.#oldRoms = db.prepare(`${roms} AND g.id <= ? ORDER BY r.id`);
    this.#newRoms = db.prepare(`${roms} AND g.id > ? ORDER BY r.id`);
    this.#deleteOld = db.prepare(`DELETE FROM game WHERE dat_id = ? AND id <= ?`);
    this.#distinctNames = db.prepare(`SELECT COUNT(DISTINCT name) AS n FROM game WHERE dat_id = ?`);
    this.#insertSet = db.prepare(
      `INSERT INTO change_set (${CHANGE_SET_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.#insertGame = db.prepare(`INSERT INTO change_game (change_set_id, kind, name, from_name, roms) VALUES (?, ?, ?, ?, ?)`);
    this.#insertAllNames = db.prepare(
      `INSERT INTO change_game (change_set_id, kind, name) SELECT ?, ?, name FROM game WHERE dat_id = ? GROUP BY name ORDER BY name`,
    );
    this.#datToRemove = db.prepare(
      `SELECT id, source, path, identity, name, COALESCE(version, date) AS version, sha1, source_version AS sourceVersion, rom_count AS romCount FROM dat WHERE path = ?`,
    );
    this.#deleteHistory = db.prepare(`DELETE FROM change_set WHERE identity = ? AND (source = ? OR (source IS NULL AND ? IS NULL))`);
    this.#deleteDat = db.prepare(`DELETE FROM dat WHERE id = ?`);
  }

  /**
   * The version held at this path, else the newest of the same source with the same identity (a
   * dated file name that changed). Rows from before identities existed get theirs first.
   */
  findHeld(path: string, identity: string, source: string | null, tracker: ChangeTracker): HeldVersion | undefined {
    for (const row of this.#withoutIdentity.all() as { id: number; path: string }[]) {
      this.#setIdentity.run(tracker.identityOf(row.path), row.id);
    }
    return (this.#heldByPath.get(path) ?? this.#heldByIdentity.get(identity, source, source)) as HeldVersion | undefined;
  }

  /** Gives the held row the new path, so the import replaces it instead of adding a second DAT. */
  movePath(id: number, path: string): void {
    this.#movePath.run(path, id);
  }

  lastGameId(datId: number): number {
    return Number((this.#lastGameId.get(datId) as { id: number | bigint }).id);
  }

  /** Content digests for old games written before schema version 2, a chunk at a time. */
  backfillContent(datId: number, lastOldGame: number, tracker: ChangeTracker): void {
    let after = 0;
    for (;;) {
      const ids = (this.#gamesWithoutContent.all(datId, after, lastOldGame) as { id: number }[]).map((row) => Number(row.id));
      if (ids.length === 0) return;
      const roms = new Map<number, StoredRom[]>(ids.map((id) => [id, []]));
      for (const row of this.#romsOfGames.all(ids[0], ids.at(-1), datId) as RomRow[]) {
        roms.get(Number(row.gameId))?.push(toStoredRom({ ...row, name: row.name ?? '' }));
      }
      for (const id of ids) this.#setContent.run(tracker.contentOf(roms.get(id)!), id);
      after = ids.at(-1)!;
    }
  }

  /** Both versions of one DAT: old games have ids up to lastOldGame. */
  view(datId: number, lastOldGame: number): ChangeView {
    const versions = this.#versions;
    const [oldRoms, newRoms] = [this.#oldRoms, this.#newRoms];
    return {
      *games(): Iterable<VersionedGame> {
        for (const row of versions.iterate(lastOldGame, datId) as Iterable<{ name: string; old: number; content: string | null }>) {
          yield { name: row.name, old: row.old === 1, content: row.content ?? '' };
        }
      },
      roms(game: string, old: boolean): StoredRom[] {
        const rows = (old ? oldRoms : newRoms).all(datId, game, lastOldGame) as (Omit<RomRow, 'gameId'> & { name: string })[];
        return rows.map(toStoredRom);
      },
    };
  }

  deleteOldGames(datId: number, lastOldGame: number): void {
    this.#deleteOld.run(datId, lastOldGame);
  }

  /** Every game of the DAT, named once, as `kind` (a first version: added; a removal: removed). */
  recordAll(header: ChangeSetHeader, datId: number, kind: 'added' | 'removed'): ChangeCounts {
    const n = Number((this.#distinctNames.get(datId) as { n: number | bigint }).n);
    const counts = { added: kind === 'added' ? n : 0, removed: kind === 'removed' ? n : 0, renamed: 0, changed: 0 };
    const id = this.#insertHeader(header, counts);
    this.#insertAllNames.run(id, kind, datId);
    return counts;
  }

  record(header: ChangeSetHeader, details: ChangeDetails): ChangeCounts {
    const counts = {
      added: details.added.length,
      removed: details.removed.length,
      renamed: details.renamed.length,
      changed: details.changed.length,
    };
    const id = this.#insertHeader(header, counts);
    for (const name of details.added) this.#insertGame.run(id, 'added', name, null, null);
    for (const name of details.removed) this.#insertGame.run(id, 'removed', name, null, null);
    for (const pair of details.renamed) this.#insertGame.run(id, 'renamed', pair.to, pair.from, null);
    for (const change of details.changed) this.#insertGame.run(id, 'changed', change.game, null, JSON.stringify(change.roms));
    return counts;
  }

  /**
   * Forgets a DAT and its change sets, and records its removal (every game removed) in their
   * place. Call inside a transaction. False when no DAT is stored at this path.
   */
  removeDat(path: string, at: number): boolean {
    const dat = this.#datToRemove.get(path) as
      | (HeldVersion & { source: string | null; identity: string | null; name: string | null })
      | undefined;
    if (dat === undefined) return false;
    // A row from before identities has no change sets yet: its path will do.
    const identity = dat.identity ?? dat.path;
    this.#deleteHistory.run(identity, dat.source, dat.source);
    this.recordAll(
      removalChangeSetHeader(dat, identity, at),
      dat.id,
      'removed',
    );
    this.#deleteDat.run(dat.id);
    return true;
  }

  #insertHeader(header: ChangeSetHeader, counts: ChangeCounts): number {
    const row = this.#insertSet.get(...changeSetValues(header, counts)) as { id: number | bigint };
    return Number(row.id);
  }
}
