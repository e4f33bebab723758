import path from 'node:path';
import { StoreError } from './errors.js';
import { describe, expect, test } from 'vitest';
import { openStore, type Store } from './store.js';
import { datInput, game } from './test-support/sample.js';
import { useTempDirs } from './test-support/temp-dir.js';

const tempDir = useTempDirs();

const SHA_A = '1'.repeat(40);
const SHA_B = '2'.repeat(40);

async function withStore(run: (store: Store) => Promise<void> | void): Promise<void> {
  const store = await openStore(path.join(await tempDir(), 'rommer.db'));
  try {
    await run(store);
  } finally {
    await store.close();
  }
}

async function seed(store: Store): Promise<void> {
  const withSha = store.beginDatImport(datInput({ path: 'a/with-sha1.dat', header: { name: 'With SHA1', version: '1' } }));
  withSha.addGame(game('Game A', [{ name: 'a.bin', size: 4, crc: '0000AAAA', sha1: SHA_A.toUpperCase() }]));
  withSha.addGame(game('Game B', [{ name: 'b.bin', size: 4, crc: 'bbbb', sha1: SHA_B }]));
  await withSha.commit();
  const crcOnly = store.beginDatImport(datInput({ path: 'b/crc-only.dat', header: { name: 'CRC only' } }));
  crcOnly.addGame(game('Game A (crc)', [{ name: 'a.bin', size: 4, crc: '0000aaaa' }]));
  crcOnly.addGame(game('No size', [{ name: 'n.bin', crc: '12345678' }]));
  crcOnly.addGame(game('MD5 only', [{ name: 'm.bin', size: 9, md5: 'ABCDEF0123456789ABCDEF0123456789' }]));
  crcOnly.addGame(game('SHA256 only', [{ name: 's.bin', size: 7, sha256: 'f'.repeat(64) }]));
  await crcOnly.commit();
}

describe('findRomsByContent', () => {
  test('SHA-1 decides where the ROM has one; CRC-32 and size where it has not', () =>
    withStore(async (store) => {
      await seed(store);
      const hits = store.scan.findRomsByContent({ size: 4, crc: '0000AAAA', sha1: SHA_A });
      expect(hits.map((h) => h.gameName).sort()).toEqual(['Game A', 'Game A (crc)']);
      // Same CRC and size but another SHA-1: only the DAT without SHA-1 can say it matches.
      const collision = store.scan.findRomsByContent({ size: 4, crc: '0000aaaa', sha1: '3'.repeat(40) });
      expect(collision.map((h) => h.gameName)).toEqual(['Game A (crc)']);
      // Size disagrees: no match even though the CRC does.
      expect(store.scan.findRomsByContent({ size: 5, crc: '0000aaaa', sha1: '3'.repeat(40) })).toEqual([]);
    }));

  test('quick mode (no SHA-1 known) matches every ROM by CRC-32 and size', () =>
    withStore(async (store) => {
      await seed(store);
      const hits = store.scan.findRomsByContent({ size: 4, crc: 'aaaa' });
      expect(hits.map((h) => h.gameName).sort()).toEqual(['Game A', 'Game A (crc)']);
      expect(hits[0]).toMatchObject({ name: 'a.bin', size: 4, crc: '0000aaaa' });
    }));

  test('a ROM without a size matches on CRC-32; MD5 and SHA-256 identify ROMs that only have those', () =>
    withStore(async (store) => {
      await seed(store);
      expect(store.scan.findRomsByContent({ size: 100, crc: '12345678', sha1: SHA_B }).map((h) => h.gameName)).toEqual(['No size']);
      expect(store.scan.findRomsByContent({ size: 9, crc: '99999999', sha1: SHA_B, md5: 'abcdef0123456789abcdef0123456789' }).map((h) => h.gameName)).toEqual([
        'MD5 only',
      ]);
      expect(store.scan.findRomsByContent({ size: 7, crc: '99999999', sha256: 'F'.repeat(64) }).map((h) => h.gameName)).toEqual(['SHA256 only']);
      expect(store.scan.weakHashSizes()).toEqual({ md5: new Set([9]), sha256: new Set([7]) });
    }));
});

describe('the hash cache and runs', () => {
  test('saveFile replaces a file’s rows; filesOfRun lists what a run saw; lastRun is the newest finished', () =>
    withStore((store) => {
      expect(store.scan.lastRun()).toBeNull();
      const first = store.scan.beginRun(['/roms'], false);
      store.scan.saveFile(first, '/roms/a.zip', 100, 1_700_000_000_123.7, [
        { entry: 'x.nes', size: 40, crc: 'ABC', sha1: null, md5: null, sha256: null, header: null },
        {
          entry: 'y.nes',
          size: 32,
          crc: '00000001',
          sha1: SHA_A,
          md5: null,
          sha256: null,
          header: { kind: 'ines', size: 16, crc: '00000002', sha1: SHA_B, md5: null, sha256: null },
        },
      ]);
      store.scan.saveFile(first, '/roms/b.bin', 4, 5, [{ entry: null, size: 4, crc: '0000aaaa', sha1: SHA_A, md5: null, sha256: null, header: null }]);
      store.scan.finishRun(first, 'complete', { files: 3, matched: 1, unknown: 2 });
      expect(store.scan.cachedFile('/roms/a.zip')).toEqual([
        { path: '/roms/a.zip', entry: 'x.nes', fileSize: 100, fileMtime: 1_700_000_000_123, size: 40, crc: '00000abc', sha1: null, md5: null, sha256: null, header: null },
        {
          path: '/roms/a.zip',
          entry: 'y.nes',
          fileSize: 100,
          fileMtime: 1_700_000_000_123,
          size: 32,
          crc: '00000001',
          sha1: SHA_A,
          md5: null,
          sha256: null,
          header: { kind: 'ines', size: 16, crc: '00000002', sha1: SHA_B, md5: null, sha256: null },
        },
      ]);

      const second = store.scan.beginRun(['/roms'], true);
      expect(store.scan.lastRun()).toMatchObject({ id: first, paths: ['/roms'], full: false, status: 'complete', files: 3, matched: 1, unknown: 2 });
      store.scan.transaction(() => {
        store.scan.markSeen(second, '/roms/b.bin');
        store.scan.saveFile(second, '/roms/a.zip', 50, 6, [{ entry: 'z.nes', size: 1, crc: '1', sha1: null, md5: null, sha256: null, header: null }]);
      });
      store.scan.finishRun(second, 'cancelled', { files: 2, matched: 0, unknown: 2 });
      expect(store.scan.filesOfRun(second).map((f) => `${f.path}:${f.entry ?? ''}`)).toEqual(['/roms/a.zip:z.nes', '/roms/b.bin:']);
      expect(store.scan.filesOfRun(first)).toEqual([]);
      expect(store.scan.lastRun()).toMatchObject({ id: second, status: 'cancelled', full: true });
    }));

  test('dats() reads what listDats() does, on the raw connection', () =>
    withStore(async (store) => {
      await seed(store);
      expect(store.scan.dats()).toEqual(await store.listDats());
    }));

  test('findable counts leave out ROMs marked nodump or without any hash', () =>
    withStore(async (store) => {
      const writer = store.beginDatImport(datInput({ path: 'c.dat' }));
      writer.addGame(game('Two', [{ name: 'a', crc: '1' }, { name: 'b', sha1: SHA_A }, { name: 'c', status: 'nodump' }]));
      writer.addGame(game('Undumped', [{ name: 'u', status: 'nodump', crc: '2' }, { name: 'v' }]));
      writer.addGame(game('Empty', []));
      const dat = await writer.commit();
      expect(store.scan.findableGameCount(dat.id)).toBe(1);
      const two = store.scan.romsOfDat(dat.id).find((r) => r.gameName === 'Two')!;
      expect(store.scan.findableRomCount(two.gameId)).toBe(2);
    }));

  test('romsOfDat lists every ROM with its game, in DAT order', () =>
    withStore(async (store) => {
      await seed(store);
      const dat = store.listDats();
      const crcOnly = (async () => (await dat).find((d) => d.path === 'b/crc-only.dat')!)();
      return crcOnly.then((record) => {
        const rows = store.scan.romsOfDat(record.id);
        expect(rows.map((r) => `${r.gameName}/${r.name}`)).toEqual(['Game A (crc)/a.bin', 'No size/n.bin', 'MD5 only/m.bin', 'SHA256 only/s.bin']);
        expect(rows[0]).toMatchObject({ cloneOf: null, isBios: false, size: 4, crc: '0000aaaa' });
      });
    }));

  test('writes are refused while a DAT import is open, and errors name the database', () =>
    withStore((store) => {
      const writer = store.beginDatImport(datInput());
      expect(() => store.scan.beginRun(['/x'], false)).toThrow(StoreError);
      expect(() => store.scan.beginRun(['/x'], false)).toThrow(store.file);
      writer.abort();
      expect(store.scan.beginRun(['/x'], false)).toBeGreaterThan(0);
    }));
});
