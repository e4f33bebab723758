// change-statements.ts on PostgreSQL: the same SQL, awaited on the import's own connection. Names
// sort with COLLATE "C" (byte order, as SQLite's), so both engines hand the tracker the same order.
import type pg from 'pg';
import { CHANGE_SET_COLUMNS, changeSetValues, removalChangeSetHeader, type ChangeSetHeader } from './change-set-header.js';
import type { HeldVersion } from './change-statements.js';
import type {
  ChangeCounts,
  ChangeDetails,
  ChangeTracker,
  ChangeView,
  StoredRom,
  VersionedGame,
} from './types.js';

const BACKFILL_CHUNK = 1_000;
const HELD = `SELECT id, path, COALESCE(version, date) AS version, sha1, source_version AS "sourceVersion", rom_count AS "romCount" FROM dat`;

interface RomRow {
  gameId?: number;
  name: string;
  size: string | number | null;
  crc: string | null;
  md5: string | null;
  sha1: string | null;
}

function toStoredRom(row: RomRow): StoredRom {
  return {
    name: row.name,
    size: row.size === null ? null : Number(row.size),
    crc: row.crc,
    md5: row.md5,
    sha1: row.sha1,
  };
}

/** The version held at this path, else the newest of the same source with the same identity. */
export async function findHeldPg(
  client: pg.ClientBase,
  path: string,
  identity: string,
  source: string | null,
  tracker: ChangeTracker,
): Promise<HeldVersion | undefined> {
  const missing = await client.query<{ id: number; path: string }>(
    `SELECT id, path FROM dat WHERE identity IS NULL`,
  );
  for (const row of missing.rows)
    await client.query(`UPDATE dat SET identity = $1 WHERE id = $2`, [tracker.identityOf(row.path), row.id]);
  const byPath = await client.query<HeldVersion>(`${HELD} WHERE path = $1`, [path]);
  const row =
    byPath.rows[0] ??
    (
      await client.query<HeldVersion>(
        `${HELD} WHERE identity = $1 AND source IS NOT DISTINCT FROM $2 ORDER BY imported_at DESC, id DESC LIMIT 1`,
        [identity, source],
      )
    ).rows[0];
  return row === undefined ? undefined : { ...row, romCount: Number(row.romCount) };
}

export async function lastGameIdPg(client: pg.ClientBase, datId: number): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `SELECT COALESCE(MAX(id), 0)::int AS id FROM game WHERE dat_id = $1`,
    [datId],
  );
  return rows[0]!.id;
}

/** Content digests for old games written without one, a chunk at a time. */
export async function backfillContentPg(
  client: pg.ClientBase,
  datId: number,
  lastOldGame: number,
  tracker: ChangeTracker,
): Promise<void> {
  let after = 0;
  for (;;) {
    const { rows } = await client.query<{ id: number }>(
      `SELECT id FROM game WHERE dat_id = $1 AND id > $2 AND id <= $3 AND content IS NULL ORDER BY id LIMIT ${BACKFILL_CHUNK}`,
      [datId, after, lastOldGame],
    );
    if (rows.length === 0) return;
    const ids = rows.map((row) => row.id);
    const roms = new Map<number, StoredRom[]>(ids.map((id) => [id, []]));
    const romRows = await client.query<RomRow & { gameId: number }>(
      `SELECT r.game_id AS "gameId", r.name, r.size, r.crc, r.md5, r.sha1 FROM game g JOIN rom r ON r.game_id = g.id
       WHERE g.id >= $1 AND g.id <= $2 AND g.dat_id = $3 AND g.content IS NULL ORDER BY r.game_id, r.id`,
      [ids[0], ids.at(-1), datId],
    );
    for (const row of romRows.rows) roms.get(row.gameId)?.push(toStoredRom(row));
    await client.query(
      `UPDATE game SET content = v.content FROM unnest($1::int[], $2::text[]) AS v(id, content) WHERE game.id = v.id`,
      [ids, ids.map((id) => tracker.contentOf(roms.get(id)!))],
    );
    after = ids.at(-1)!;
  }
}

/**
 * The tracker's diff over both versions (old games have ids up to lastOldGame). The tracker reads
 * synchronously and asks for ROMs only of the games that differ: a first pass learns which, their
 * ROMs are read in one query, and a second pass over the same rows gives the result.
 */
export async function diffVersionsPg(
  client: pg.ClientBase,
  datId: number,
  lastOldGame: number,
  tracker: ChangeTracker,
): Promise<ChangeDetails> {
  const { rows } = await client.query<{ name: string; old: boolean; content: string | null }>(
    `SELECT name, id <= $1 AS old, content FROM game WHERE dat_id = $2 ORDER BY name COLLATE "C", old DESC, content COLLATE "C"`,
    [lastOldGame, datId],
  );
  const games: VersionedGame[] = rows.map((row) => ({
    name: row.name,
    old: row.old,
    content: row.content ?? '',
  }));
  const wanted = new Set<string>();
  const probe: ChangeView = {
    games: () => games,
    roms(game) {
      wanted.add(game);
      return [];
    },
  };
  tracker.diff(probe);
  if (wanted.size === 0) return tracker.diff(probe);
  const roms = await client.query<RomRow & { game: string; old: boolean }>(
    `SELECT g.name AS game, g.id <= $1 AS old, r.name, r.size, r.crc, r.md5, r.sha1 FROM rom r JOIN game g ON g.id = r.game_id
     WHERE g.dat_id = $2 AND g.name = ANY($3::text[]) ORDER BY r.id`,
    [lastOldGame, datId, [...wanted]],
  );
  const byGame = new Map<string, StoredRom[]>();
  for (const row of roms.rows) {
    const key = `${row.old ? 1 : 0}\0${row.game}`;
    let list = byGame.get(key);
    if (list === undefined) byGame.set(key, (list = []));
    list.push(toStoredRom(row));
  }
  return tracker.diff({
    games: () => games,
    roms: (game, old) => byGame.get(`${old ? 1 : 0}\0${game}`) ?? [],
  });
}

export async function deleteOldGamesPg(
  client: pg.ClientBase,
  datId: number,
  lastOldGame: number,
): Promise<void> {
  await client.query(`DELETE FROM game WHERE dat_id = $1 AND id <= $2`, [datId, lastOldGame]);
}

async function insertHeader(
  client: pg.ClientBase,
  header: ChangeSetHeader,
  counts: ChangeCounts,
): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO change_set (${CHANGE_SET_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    changeSetValues(header, counts),
  );
  return rows[0]!.id;
}

/** Every game of the DAT, named once, as `kind`. */
export async function recordAllPg(
  client: pg.ClientBase,
  header: ChangeSetHeader,
  datId: number,
  kind: 'added' | 'removed',
): Promise<ChangeCounts> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT COUNT(DISTINCT name)::int AS n FROM game WHERE dat_id = $1`,
    [datId],
  );
  const n = rows[0]!.n;
  const counts = {
    added: kind === 'added' ? n : 0,
    removed: kind === 'removed' ? n : 0,
    renamed: 0,
    changed: 0,
  };
  const id = await insertHeader(client, header, counts);
  await client.query(
    `INSERT INTO change_game (change_set_id, kind, name) SELECT $1, $2, name FROM game WHERE dat_id = $3 GROUP BY name ORDER BY name COLLATE "C"`,
    [id, kind, datId],
  );
  return counts;
}

export async function recordPg(
  client: pg.ClientBase,
  header: ChangeSetHeader,
  details: ChangeDetails,
): Promise<ChangeCounts> {
  const counts = {
    added: details.added.length,
    removed: details.removed.length,
    renamed: details.renamed.length,
    changed: details.changed.length,
  };
  const id = await insertHeader(client, header, counts);
  const kinds: string[] = [];
  const names: string[] = [];
  const from: (string | null)[] = [];
  const roms: (string | null)[] = [];
  const add = (kind: string, name: string, fromName: string | null, romText: string | null): void => {
    kinds.push(kind);
    names.push(name);
    from.push(fromName);
    roms.push(romText);
  };
  for (const name of details.added) add('added', name, null, null);
  for (const name of details.removed) add('removed', name, null, null);
  for (const pair of details.renamed) add('renamed', pair.to, pair.from, null);
  for (const change of details.changed) add('changed', change.game, null, JSON.stringify(change.roms));
  // WITH ORDINALITY keeps the rows in the order SQLite's writer inserts them (ids ascending).
  await client.query(
    `INSERT INTO change_game (change_set_id, kind, name, from_name, roms)
     SELECT $1, kind, name, from_name, roms FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS v(kind, name, from_name, roms, n) ORDER BY n`,
    [id, kinds, names, from, roms],
  );
  return counts;
}

/** Forgets a DAT and its change sets and records its removal; call inside a transaction. */
export async function removeDatPg(client: pg.ClientBase, path: string, at: number): Promise<boolean> {
  const { rows } = await client.query<
    HeldVersion & { source: string | null; identity: string | null; name: string | null }
  >(
    `SELECT id, source, path, identity, name, COALESCE(version, date) AS version, sha1, source_version AS "sourceVersion", rom_count AS "romCount" FROM dat WHERE path = $1`,
    [path],
  );
  const dat = rows[0];
  if (dat === undefined) return false;
  const identity = dat.identity ?? dat.path;
  await client.query(`DELETE FROM change_set WHERE identity = $1 AND source IS NOT DISTINCT FROM $2`, [
    identity,
    dat.source,
  ]);
  await recordAllPg(
    client,
    removalChangeSetHeader(dat, identity, at),
    dat.id,
    'removed',
  );
  await client.query(`DELETE FROM dat WHERE id = $1`, [dat.id]);
  return true;
}
