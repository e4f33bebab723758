import { existsSync } from 'node:fs';
import path from 'node:path';
import { StoreError } from './errors.js';
import { describe, expect, test } from 'vitest';
import { openStore } from './store.js';
import { datInput, game, SHA1_B } from './test-support/sample.js';
import { ENGINES, useCatalogues } from './test-support/catalogues.js';
import { useTempDirs } from './test-support/temp-dir.js';

const tempDir = useTempDirs();

describe('openStore', () => {
  test('creates a missing database and its folders', async () => {
    const file = path.join(await tempDir(), 'deep', 'er', 'rommer.db');
    const store = await openStore(file);
    try {
      expect(store.file).toBe(file);
      expect(existsSync(file)).toBe(true);
      expect(await store.listDats()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  test('a folder in place of the file gives a StoreError naming it', async () => {
    const dir = await tempDir();
    const error = await openStore(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe.each(ENGINES)('%s', (engine) => {
  const newCatalogue = useCatalogues(engine);

  describe('imports and queries', () => {
    test('an import is invisible until commit, then listed with its counts', async () => {
      const store = await openStore(await newCatalogue());
      try {
        const writer = store.beginDatImport(datInput());
        writer.addGame(game('Tetris (World)', [{ name: 'Tetris (World).gb', size: 32768, crc: '46DF91AD', sha1: SHA1_B.toUpperCase() }]));
        writer.addGame(game('Tetris (World)', [{ name: 'a.gb' }, { name: 'a.gb' }], { disks: [{ name: 'disc', sha1: SHA1_B }] }));
        expect(await store.findDat('opengood/Nintendo - Game Boy.dat')).toBeNull();
        const record = await writer.commit();
        expect(record).toMatchObject({ path: 'opengood/Nintendo - Game Boy.dat', source: 'opengood', games: 2, roms: 3, disks: 1, size: 1234 });
        expect(await store.listDats()).toEqual([record]);
        expect(await store.listDats({ source: 'tosec' })).toEqual([]);
        const matches = await store.findRoms({ crc: '46df91ad' });
        expect(matches).toEqual([
          {
            rom: { name: 'Tetris (World).gb', size: 32768, crc: '46df91ad', md5: null, sha1: SHA1_B, status: null },
            game: { name: 'Tetris (World)' },
            dat: { path: 'opengood/Nintendo - Game Boy.dat', name: 'Nintendo - Game Boy', source: 'opengood' },
          },
        ]);
      } finally {
        await store.close();
      }
    });
  });
});

test('a closed store refuses further use', async () => {
  const store = await openStore(path.join(await tempDir(), 'rommer.db'));
  await store.close();
  await store.close();
  await expect(store.listDats()).rejects.toThrow(`${store.file}: the catalogue is closed`);
  await expect(store.ledger.get('mame')).rejects.toThrow(StoreError);
  expect(() => store.beginDatImport(datInput())).toThrow(/the catalogue is closed/);
});
