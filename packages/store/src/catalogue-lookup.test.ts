import { describe, expect, test } from 'vitest';
import { openStore, type Store } from './store.js';
import { ENGINES, useCatalogues } from './test-support/catalogues.js';
import { datInput, game } from './test-support/sample.js';

const SHA_A = '1'.repeat(40);
const SHA_B = '2'.repeat(40);

// The same look-ups on both engines: a scan against a shared PostgreSQL catalogue finds what one
// against the data folder's SQLite file does.
describe.each(ENGINES)('%s', (engine) => {
  const newCatalogue = useCatalogues(engine);

  async function withStore(run: (store: Store) => Promise<void>): Promise<void> {
    const store = await openStore(await newCatalogue());
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
        const hits = await store.lookup.findRomsByContent({ size: 4, crc: '0000AAAA', sha1: SHA_A });
        expect(hits.map((h) => h.gameName).sort()).toEqual(['Game A', 'Game A (crc)']);
        // Same CRC and size but another SHA-1: only the DAT without SHA-1 can say it matches.
        const collision = await store.lookup.findRomsByContent({ size: 4, crc: '0000aaaa', sha1: '3'.repeat(40) });
        expect(collision.map((h) => h.gameName)).toEqual(['Game A (crc)']);
        // Size disagrees: no match even though the CRC does.
        expect(await store.lookup.findRomsByContent({ size: 5, crc: '0000aaaa', sha1: '3'.repeat(40) })).toEqual([]);
      }));

    test('quick mode (no SHA-1 known) matches every ROM by CRC-32 and size', () =>
      withStore(async (store) => {
        await seed(store);
        const hits = await store.lookup.findRomsByContent({ size: 4, crc: 'aaaa' });
        expect(hits.map((h) => h.gameName).sort()).toEqual(['Game A', 'Game A (crc)']);
        expect(hits[0]).toMatchObject({ name: 'a.bin', size: 4, crc: '0000aaaa' });
      }));

    test('a ROM without a size matches on CRC-32; MD5 and SHA-256 identify ROMs that only have those', () =>
      withStore(async (store) => {
        await seed(store);
        expect((await store.lookup.findRomsByContent({ size: 100, crc: '12345678', sha1: SHA_B })).map((h) => h.gameName)).toEqual(['No size']);
        expect((await store.lookup.findRomsByContent({ size: 9, crc: '99999999', sha1: SHA_B, md5: 'abcdef0123456789abcdef0123456789' })).map((h) => h.gameName)).toEqual([
          'MD5 only',
        ]);
        expect((await store.lookup.findRomsByContent({ size: 7, crc: '99999999', sha256: 'F'.repeat(64) })).map((h) => h.gameName)).toEqual(['SHA256 only']);
        expect(await store.lookup.weakHashSizes()).toEqual({ md5: new Set([9]), sha256: new Set([7]) });
      }));
  });

  describe('the catalogue for a scan', () => {
    test('dats() reads what listDats() does, without the ORM', () =>
      withStore(async (store) => {
        await seed(store);
        expect(await store.lookup.dats()).toEqual(await store.listDats());
      }));

    test('findable counts leave out ROMs marked nodump or without any hash', () =>
      withStore(async (store) => {
        const writer = store.beginDatImport(datInput({ path: 'c.dat' }));
        writer.addGame(game('Two', [{ name: 'a', crc: '1' }, { name: 'b', sha1: SHA_A }, { name: 'c', status: 'nodump' }]));
        writer.addGame(game('Undumped', [{ name: 'u', status: 'nodump', crc: '2' }, { name: 'v' }]));
        writer.addGame(game('Empty', []));
        const dat = await writer.commit();
        expect(await store.lookup.findableGameCount(dat.id)).toBe(1);
        const two = (await store.lookup.romsOfDat(dat.id)).find((r) => r.gameName === 'Two')!;
        expect(await store.lookup.findableRomCount(two.gameId)).toBe(2);
      }));

    test('romsOfDat lists every ROM with its game, in DAT order', () =>
      withStore(async (store) => {
        await seed(store);
        const record = (await store.listDats()).find((d) => d.path === 'b/crc-only.dat')!;
        const rows = await store.lookup.romsOfDat(record.id);
        expect(rows.map((r) => `${r.gameName}/${r.name}`)).toEqual(['Game A (crc)/a.bin', 'No size/n.bin', 'MD5 only/m.bin', 'SHA256 only/s.bin']);
        expect(rows[0]).toMatchObject({ cloneOf: null, isBios: false, size: 4, crc: '0000aaaa', datId: record.id });
      }));

  });
});
