import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './errors.js';
import { afterEach, describe, expect, test } from 'vitest';
import { openStore, type Store } from './store.js';
import { datInput, game, SHA1_A, SHA1_B } from './test-support/sample.js';
import { ENGINES, useCatalogues } from './test-support/catalogues.js';
import { useTempDirs } from './test-support/temp-dir.js';
import type { GameInput } from './types.js';

const tempDir = useTempDirs();
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

async function openAt(location: string): Promise<Store> {
  const store = await openStore(location);
  stores.push(store);
  return store;
}

const DAT = 'opengood/Nintendo - Game Boy.dat';

async function importDat(store: Store, games: GameInput[], overrides = {}) {
  const writer = store.beginDatImport(datInput(overrides));
  for (const entry of games) writer.addGame(entry);
  return writer.commit();
}

const version1 = [
  game('Alleyway (World)', [{ name: 'Alleyway (World).gb', size: 32768, crc: '6ef8a2e2', md5: 'AB', sha1: SHA1_A }]),
  game('Tetris (World)', [{ name: 'Tetris (World).gb', size: 32768, crc: '46df91ad' }]),
];

async function romNames(store: Store): Promise<string[]> {
  const names = await Promise.all(
    ['Alleyway (World).gb', 'Tetris (World).gb', 'New (World).gb'].map((name) => store.findRoms({ name })),
  );
  return names.flat().map((match) => match.rom.name);
}

// Everything but the SQLite-only index handling runs on both engines.
describe.each(ENGINES)('%s', (engine) => {
  const newCatalogue = useCatalogues(engine);
  const freshStore = async (): Promise<Store> => openAt(await newCatalogue());

  describe('replacing a DAT atomically', () => {
    test('a second import replaces the first, keeping the DAT row', async () => {
      const store = await freshStore();
      const first = await importDat(store, version1);
      const second = await importDat(store, [game('New (World)', [{ name: 'New (World).gb' }])], { sha1: SHA1_B, header: { name: 'v2' } });
      expect(second).toMatchObject({ id: first.id, games: 1, roms: 1, sha1: SHA1_B, name: 'v2', description: null });
      expect(await romNames(store)).toEqual(['New (World).gb']);
      expect(await store.findRoms({ crc: '6ef8a2e2' })).toEqual([]);
    });

    test('a failure mid-way leaves the previous contents', async () => {
      const store = await freshStore();
      const before = await importDat(store, version1);
      const writer = store.beginDatImport(datInput({ sha1: SHA1_B }));
      writer.addGame(game('New (World)', [{ name: 'New (World).gb' }]));
      expect(() => writer.addGame({ roms: [], disks: [] } as unknown as GameInput)).toThrow(StoreError);
      await expect(writer.commit()).rejects.toThrow(/already aborted/);
      expect(await store.findDat(DAT)).toEqual(before);
      expect(await romNames(store)).toEqual(['Alleyway (World).gb', 'Tetris (World).gb']);
    });

    test('a bad row mid-way (a ROM without a name) rolls back and names the file and game', async () => {
      const store = await freshStore();
      const before = await importDat(store, version1);
      const writer = store.beginDatImport(datInput());
      expect(() => writer.addGame(game('Broken', [{ name: null as unknown as string }]))).toThrow(
        new RegExp(`^${store.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: writing game "Broken" of ${DAT} failed: ROM 1 has no name$`),
      );
      expect(await store.findDat(DAT)).toEqual(before);
    });

    test('abort() leaves the previous contents and frees the writer slot', async () => {
      const store = await freshStore();
      const before = await importDat(store, version1);
      const writer = store.beginDatImport(datInput());
      writer.addGame(game('New (World)', [{ name: 'New (World).gb' }]));
      writer.abort();
      writer.abort();
      expect(await store.findDat(DAT)).toEqual(before);
      expect((await importDat(store, [], { path: 'other.dat' })).games).toBe(0);
    });

    test('readers see the previous contents until commit', async () => {
      const store = await freshStore();
      await importDat(store, version1);
      const writer = store.beginDatImport(datInput());
      writer.addGame(game('New (World)', [{ name: 'New (World).gb' }]));
      expect(await romNames(store)).toEqual(['Alleyway (World).gb', 'Tetris (World).gb']);
      expect((await store.listDats())[0]?.games).toBe(2);
      await writer.commit();
      expect(await romNames(store)).toEqual(['New (World).gb']);
    });

    test('close() rolls back an import still open', async () => {
      const file = await newCatalogue();
      const store = await openStore(file);
      const before = await importDat(store, version1);
      store.beginDatImport(datInput()).addGame(game('New (World)'));
      await store.close();
      const again = await openStore(file);
      stores.push(again);
      expect(await again.findDat(DAT)).toEqual(before);
    });
  });

  describe('one writer at a time', () => {
    test('a second import while one is open is refused', async () => {
      const store = await freshStore();
      const writer = store.beginDatImport(datInput());
      expect(() => store.beginDatImport(datInput({ path: 'b.dat' }))).toThrow(`while the import of ${DAT} is still open`);
      await writer.commit();
      expect((await importDat(store, [], { path: 'b.dat' })).path).toBe('b.dat');
    });

    test('ledger writes and removals wait for the open import instead of deadlocking', async () => {
      const store = await freshStore();
      const writer = store.beginDatImport(datInput());
      writer.addGame(game('Tetris (World)'));
      let recorded = false;
      const pending = store.ledger.set({ source: 'opengood', version: 'abc', lastUpdated: 1, url: null, state: null }).then(() => {
        recorded = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(recorded).toBe(false);
      await writer.commit();
      await pending;
      expect(await store.ledger.get('opengood')).toMatchObject({ version: 'abc' });
    });
  });

  describe('what is stored', () => {
    test('duplicate game names and duplicate ROM names within a game are kept', async () => {
      const store = await freshStore();
      const record = await importDat(store, [
        game('Same', [{ name: 'a.bin', crc: '00000001' }, { name: 'a.bin', crc: '00000001' }]),
        game('Same', [{ name: 'a.bin', crc: '00000001' }]),
      ]);
      expect(record).toMatchObject({ games: 2, roms: 3 });
      const matches = await store.findRoms({ name: 'a.bin' });
      expect(matches.map((match) => match.game.name)).toEqual(['Same', 'Same', 'Same']);
    });

    test('games, ROMs and disks keep every field; hashes are normalised', async () => {
      const store = await freshStore();
      await importDat(store, [
        {
          name: 'pacman',
          description: 'Pac-Man (Midway)',
          year: '1980',
          manufacturer: 'Namco (Midway license)',
          cloneOf: 'puckman',
          romOf: 'puckman',
          isBios: false,
          roms: [{ name: 'pacman.6e', size: 4096, crc: 'C1E6AB10', md5: ' 0123456789ABCDEF0123456789ABCDEF ', sha1: SHA1_B.toUpperCase(), status: 'baddump', merge: 'pm1_6e', serial: 'X1' }],
          disks: [{ name: 'laserdisc', md5: 'FF', sha1: SHA1_A.toUpperCase(), status: 'nodump', merge: null }],
        },
      ]);
      expect(await store.findRoms({ md5: '0123456789abcdef0123456789ABCDEF' })).toEqual([
        {
          rom: { name: 'pacman.6e', size: 4096, crc: 'c1e6ab10', md5: '0123456789abcdef0123456789abcdef', sha1: SHA1_B, status: 'baddump' },
          game: { name: 'pacman' },
          dat: { path: DAT, name: 'Nintendo - Game Boy', source: 'opengood' },
        },
      ]);
    });

    test('sizes beyond 32 bits survive (disc images)', async () => {
      const store = await freshStore();
      await importDat(store, [game('Big', [{ name: 'track.bin', size: 8_547_991_552 }])], { size: 5_000_000_000 });
      expect((await store.findRoms({ name: 'track.bin' }))[0]?.rom.size).toBe(8_547_991_552);
      expect((await store.findDat(DAT))?.size).toBe(5_000_000_000);
    });

    test('a ROM size that is not a whole number is stored as unknown', async () => {
      const store = await freshStore();
      await importDat(store, [game('Odd', [{ name: 'nan.bin', size: Number.NaN }, { name: 'half.bin', size: 1.5 }])]);
      expect((await store.findRoms({ name: 'nan.bin' }))[0]?.rom.size).toBeNull();
      expect((await store.findRoms({ name: 'half.bin' }))[0]?.rom.size).toBeNull();
    });

    test('a bad DAT description is refused before anything is written', async () => {
      const store = await freshStore();
      expect(() => store.beginDatImport(datInput({ sha1: 'nope' }))).toThrow(`${store.file}: cannot import DAT "${DAT}": its SHA-1 "nope" is not 40 hex digits`);
      expect(() => store.beginDatImport(datInput({ format: 'romcenter' as 'logiqx' }))).toThrow(/unknown format "romcenter"/);
      expect(() => store.beginDatImport(datInput({ path: '' }))).toThrow(/its path is empty/);
      expect(await store.listDats()).toEqual([]);
      // The refused attempts did not hold the writer slot.
      expect((await importDat(store, [])).games).toBe(0);
    });
  });

  describe('look-ups', () => {
    async function catalogue(): Promise<Store> {
      const store = await freshStore();
      await importDat(store, [
        game('Alleyway (World)', [{ name: 'Alleyway (World).gb', crc: '6EF8A2E2', md5: 'AAAA', sha1: SHA1_A }]),
        game('Tetris (World)', [{ name: 'Tetris (World).gb', crc: 'ABCDE', md5: 'BBBB', sha1: SHA1_B }]),
      ]);
      await importDat(store, [game('Tetris', [{ name: 'tetris.gb', crc: '000abcde' }])], { path: 'tosec/Game Boy.dat', source: 'tosec', header: { name: 'TOSEC GB' } });
      return store;
    }
    const names = (matches: { rom: { name: string } }[]) => matches.map((match) => match.rom.name);

    test('by crc, padded and in any case, across DATs', async () => {
      const store = await catalogue();
      const matches = await store.findRoms({ crc: 'abcde' });
      expect(names(matches)).toEqual(['Tetris (World).gb', 'tetris.gb']);
      expect(matches[1]?.dat).toEqual({ path: 'tosec/Game Boy.dat', name: 'TOSEC GB', source: 'tosec' });
    });

    test('by sha1, md5 and name; criteria combine; limit applies', async () => {
      const store = await catalogue();
      expect(names(await store.findRoms({ sha1: SHA1_A.toUpperCase() }))).toEqual(['Alleyway (World).gb']);
      expect(names(await store.findRoms({ md5: 'bbbb' }))).toEqual(['Tetris (World).gb']);
      expect(names(await store.findRoms({ name: 'tetris.gb' }))).toEqual(['tetris.gb']);
      expect(names(await store.findRoms({ crc: '000ABCDE', name: 'tetris.gb' }))).toEqual(['tetris.gb']);
      expect(names(await store.findRoms({ crc: '000abcde' }, 1))).toEqual(['Tetris (World).gb']);
      expect(await store.findRoms({ sha1: SHA1_A, md5: 'bbbb' })).toEqual([]);
    });

    test('a look-up without a criterion is a clear error', async () => {
      const store = await catalogue();
      await expect(store.findRoms({})).rejects.toThrow(`${store.file}: a ROM look-up needs a crc, sha1, md5 or name`);
    });

    test('listDats filters by source; removeDat forgets a DAT and its ROMs', async () => {
      const store = await catalogue();
      expect((await store.listDats()).map((dat) => dat.path)).toEqual([DAT, 'tosec/Game Boy.dat']);
      expect((await store.listDats({ source: 'tosec' })).map((dat) => dat.path)).toEqual(['tosec/Game Boy.dat']);
      expect(await store.removeDat(DAT)).toBe(true);
      expect(await store.removeDat(DAT)).toBe(false);
      expect(names(await store.findRoms({ crc: 'abcde' }))).toEqual(['tetris.gb']);
      expect(await store.findDat(DAT)).toBeNull();
    });
  });
});

describe('batched writes and deferred indexes (SQLite)', () => {
  const freshStore = async (): Promise<Store> => openAt(path.join(await tempDir(), 'rommer.db'));
  const many = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) =>
      game(`${prefix} ${i}`, [
        { name: `${prefix} ${i} a.bin`, size: i, crc: (i + 1).toString(16).padStart(8, '0') },
        { name: `${prefix} ${i} b.bin`, size: i, crc: (i + 100_000).toString(16).padStart(8, '0') },
      ]),
    );
  const indexSql = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`).all();
    } finally {
      db.close();
    }
  };

  test('more rows than one statement holds are all written, each ROM under its own game', async () => {
    const store = await freshStore();
    const record = await importDat(store, many(300, 'G'));
    expect(record).toMatchObject({ games: 300, roms: 600 });
    const [match] = await store.findRoms({ crc: (250 + 100_000).toString(16).padStart(8, '0') });
    expect(match).toMatchObject({ rom: { name: 'G 250 b.bin' }, game: { name: 'G 250' } });
  });

  test('a DAT large against the catalogue is written without indexes, which come back identical', async () => {
    const store = await freshStore();
    const before = indexSql(store.file);
    expect(before.length).toBeGreaterThan(5);
    await importDat(store, many(200, 'Big'), { size: 64 * 1024 * 1024 });
    expect(indexSql(store.file)).toEqual(before);
    expect((await store.findRoms({ crc: '00000001' })).map((m) => m.game.name)).toEqual(['Big 0']);
  });

  test('a large import that fails keeps the indexes and the previous rows', async () => {
    const store = await freshStore();
    const previous = await importDat(store, version1);
    const before = indexSql(store.file);
    const writer = store.beginDatImport(datInput({ size: 64 * 1024 * 1024 }));
    for (const entry of many(100, 'Lost')) writer.addGame(entry);
    writer.abort();
    expect(indexSql(store.file)).toEqual(before);
    expect(await store.findDat(DAT)).toEqual(previous);
    expect(await romNames(store)).toEqual(['Alleyway (World).gb', 'Tetris (World).gb']);
  });

  test('game ids are never reused after the newest DAT is replaced', async () => {
    const store = await freshStore();
    await importDat(store, many(10, 'A'), { path: 'a.dat' });
    await importDat(store, many(10, 'B'), { path: 'b.dat' });
    const db = new Database(store.file, { readonly: true });
    const maxBefore = db.prepare('SELECT max(id) FROM game').pluck().get() as number;
    db.close();
    await importDat(store, many(10, 'B2'), { path: 'b.dat' });
    const after = new Database(store.file, { readonly: true });
    const minB2 = after.prepare(`SELECT min(id) FROM game WHERE name LIKE 'B2 %'`).pluck().get() as number;
    after.close();
    expect(minB2).toBeGreaterThan(maxBefore);
  });
});
