// What only the PostgreSQL writer has: batches sent in the background, errors that arrive later,
// and several machines (stores) importing into one database.
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { openStore, type Store } from './store.js';
import { useCatalogues } from './test-support/catalogues.js';
import { datInput, game, SHA1_B } from './test-support/sample.js';
import type { ChangeTracker, GameInput } from './types.js';

const newDatabase = useCatalogues('postgresql');
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

/** A DAT big enough (by its size) to be written without indexes into a small catalogue. */
const BIG = 64 * 1024 * 1024;

/** The indexes and foreign keys of the game, rom and disk tables, as PostgreSQL would recreate them. */
async function tableShape(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ line: string }>(
      `SELECT pg_get_indexdef(indexrelid) AS line FROM pg_index WHERE indrelid IN ('game'::regclass, 'rom'::regclass, 'disk'::regclass)
       UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
       WHERE conrelid IN ('game'::regclass, 'rom'::regclass, 'disk'::regclass) ORDER BY 1`,
    );
    return rows.map((row) => row.line);
  } finally {
    await client.end();
  }
}

/** How many sessions hold rom's table to themselves (a writer that dropped its indexes). */
async function exclusiveHolders(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'rom'::regclass AND mode = 'AccessExclusiveLock' AND granted`,
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

async function open(url: string): Promise<Store> {
  const store = await openStore(url);
  stores.push(store);
  return store;
}

const many = (count: number, prefix: string): GameInput[] =>
  Array.from({ length: count }, (_, g) =>
    game(`${prefix} ${g}`, [
      { name: `${prefix}-${g}-a.bin`, size: g, crc: (g + 1).toString(16) },
      { name: `${prefix}-${g}-b.bin`, sha1: g.toString(16).padStart(40, '0') },
    ]),
  );

describe('the PostgreSQL bulk writer', () => {
  test('a DAT bigger than one batch arrives whole, with ROMs tied to their games', async () => {
    const store = await open(await newDatabase());
    const writer = store.beginDatImport(datInput());
    for (const entry of many(12_345, 'Game')) writer.addGame(entry);
    expect(await writer.commit()).toMatchObject({ games: 12_345, roms: 24_690 });
    const [match] = await store.findRoms({ name: 'Game-12344-b.bin' });
    expect(match?.game.name).toBe('Game 12344');
    expect((await store.findRoms({ crc: '1' }))[0]?.rom).toMatchObject({
      name: 'Game-0-a.bin',
      crc: '00000001',
      size: 0,
    });
  });

  test('tabs, newlines and backslashes in names survive COPY', async () => {
    const store = await open(await newDatabase());
    const writer = store.beginDatImport(datInput());
    const name = 'odd\tname\nwith \\ back\\slash\r';
    writer.addGame(game(name, [{ name }], { description: '\\N' }));
    await writer.commit();
    const [match] = await store.findRoms({ name });
    expect(match?.game.name).toBe(name);
  });

  test('a row the server refuses (NUL in a name) fails the import at commit and keeps what was held', async () => {
    const store = await open(await newDatabase());
    const first = store.beginDatImport(datInput());
    first.addGame(game('Held', [{ name: 'held.bin' }]));
    const held = await first.commit();
    const writer = store.beginDatImport(datInput({ sha1: SHA1_B }));
    writer.addGame(game('bad\u0000name'));
    const error = await writer.commit().catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /^postgresql:\/\/.*: writing the games of opengood\/Nintendo - Game Boy\.dat failed: invalid byte sequence/,
    );
    const { unchanged: _unchanged, ...record } = held;
    expect(await store.findDat(datInput().path)).toEqual(record);
    // The writer slot is free again.
    const next = store.beginDatImport(datInput({ path: 'b.dat' }));
    expect((await next.commit()).path).toBe('b.dat');
  });

  test('two machines importing the same DAT at once: one imports, the other finds it current', async () => {
    const url = await newDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const games = many(5_000, 'Shared');
    const writers = [a, b].map((store) => store.beginDatImport(datInput(), { skipIfCurrent: true }));
    for (const entry of games) for (const writer of writers) writer.addGame(entry);
    const results = await Promise.all(writers.map((writer) => writer.commit()));
    expect(results.map((result) => result.unchanged === true).sort()).toEqual([false, true]);
    expect(results.map((result) => result.games)).toEqual([5_000, 5_000]);
    expect(await a.listDats()).toHaveLength(1);
    expect(await b.findRoms({ name: 'Shared-4999-a.bin' })).toHaveLength(1);
  });

  test('two machines importing renamed versions of one DAT at once take turns; each change set is recorded once', async () => {
    const url = await newDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    // Identity drops the date stamp, so both files are versions of one DAT and share its lock.
    const tracker: ChangeTracker = {
      identityOf: (p) => p.replace(/ \(\d+\)/, ''),
      contentOf: (roms) => roms.map((rom) => rom.crc ?? '').join(','),
      diff(view) {
        const games = [...view.games()];
        const names = (old: boolean) => new Set(games.filter((g) => g.old === old).map((g) => g.name));
        const [before, after] = [names(true), names(false)];
        return { added: [...after].filter((n) => !before.has(n)), removed: [...before].filter((n) => !after.has(n)), renamed: [], changed: [] };
      },
    };
    const seed = a.beginDatImport(datInput({ path: 'x (1).dat' }), { changes: tracker });
    for (const entry of many(10, 'Old')) seed.addGame(entry);
    await seed.commit();
    const writers = [
      a.beginDatImport(datInput({ path: 'x (2).dat', sha1: SHA1_B }), { changes: tracker }),
      b.beginDatImport(datInput({ path: 'x (3).dat', sha1: 'c'.repeat(40) }), { changes: tracker }),
    ];
    for (const entry of many(2_000, 'New')) for (const writer of writers) writer.addGame(entry);
    const results = await Promise.all(writers.map((writer) => writer.commit()));
    expect(results.map((r) => r.changes).filter((c) => c !== undefined)).toHaveLength(1);
    const dats = await a.listDats();
    expect(dats).toHaveLength(1);
    expect(dats[0]?.games).toBe(2_000);
    const sets = await b.listChangeSets();
    expect(sets.map((set) => set.kind)).toEqual(['updated', 'imported']);
    expect(sets[0]?.counts).toEqual({ added: 2_000, removed: 10, renamed: 0, changed: 0 });
  });

  test('the hash cache of a scan is refused on PostgreSQL, naming where it is kept', async () => {
    const store = await open(await newDatabase());
    expect(() => store.scan).toThrow(/keeps its hash cache with this machine's files, in the data folder's SQLite file/);
  });

  test('two machines importing different DATs at once do not wait for each other', async () => {
    const url = await newDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const wa = a.beginDatImport(datInput({ path: 'a.dat' }));
    const wb = b.beginDatImport(datInput({ path: 'b.dat' }));
    for (const entry of many(3_000, 'A')) wa.addGame(entry);
    for (const entry of many(3_000, 'B')) wb.addGame(entry);
    // b commits while a's transaction is still open: no lock is shared.
    expect((await wb.commit()).games).toBe(3_000);
    expect((await wa.commit()).games).toBe(3_000);
    expect((await b.listDats()).map((dat) => dat.path)).toEqual(['a.dat', 'b.dat']);
  });

  test('a DAT large against the catalogue is written without indexes; after commit or abort they are all back', async () => {
    const url = await newDatabase();
    const store = await open(url);
    const shape = await tableShape(url);
    expect(shape.some((line) => line.startsWith('rom_game_id_fkey FOREIGN KEY'))).toBe(true);

    const aborted = store.beginDatImport(datInput({ size: BIG }));
    for (const entry of many(3_000, 'Gone')) aborted.addGame(entry);
    await expect.poll(() => exclusiveHolders(url)).toBe(1);
    aborted.abort();
    await expect.poll(() => exclusiveHolders(url)).toBe(0);
    expect(await tableShape(url)).toEqual(shape);

    const writer = store.beginDatImport(datInput({ size: BIG }));
    for (const entry of many(3_000, 'Kept')) writer.addGame(entry);
    await expect.poll(() => exclusiveHolders(url)).toBe(1);
    expect(await writer.commit()).toMatchObject({ games: 3_000, roms: 6_000 });
    expect(await tableShape(url)).toEqual(shape);
    expect((await store.findRoms({ sha1: (2_999).toString(16).padStart(40, '0') }))[0]?.game.name).toBe('Kept 2999');
    expect(await store.listDats()).toHaveLength(1);
  });

  test('a big DAT keeps the indexes when another session is reading the tables, and is not held up by it', async () => {
    const url = await newDatabase();
    const store = await open(url);
    const reader = new pg.Client({ connectionString: url });
    await reader.connect();
    try {
      await reader.query('BEGIN');
      await reader.query('SELECT count(*) FROM rom');
      const writer = store.beginDatImport(datInput({ size: BIG }));
      for (const entry of many(2_000, 'Read')) writer.addGame(entry);
      expect(await writer.commit()).toMatchObject({ games: 2_000 });
      expect(await exclusiveHolders(url)).toBe(0);
    } finally {
      await reader.query('ROLLBACK');
      await reader.end();
    }
  });

  test('two machines importing big DATs at once both finish: the second waits for the first instead of deadlocking', async () => {
    const url = await newDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const shape = await tableShape(url);
    const wa = a.beginDatImport(datInput({ path: 'a.dat', size: BIG }));
    const wb = b.beginDatImport(datInput({ path: 'b.dat', size: BIG }));
    for (const entry of many(3_000, 'A')) wa.addGame(entry);
    for (const entry of many(3_000, 'B')) wb.addGame(entry);
    const results = await Promise.all([wa.commit(), wb.commit()]);
    expect(results.map((result) => result.games)).toEqual([3_000, 3_000]);
    expect((await b.listDats()).map((dat) => dat.path)).toEqual(['a.dat', 'b.dat']);
    expect(await tableShape(url)).toEqual(shape);
  });
});
