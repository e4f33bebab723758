// The store's mechanism for change sets, driven by a toy tracker (the real rules are @rommer/import's
// and are tested there against real DATs): what is read, what is recorded, what the queries return.
import { afterEach, describe, expect, test } from 'vitest';
import { openStore, type Store } from './store.js';
import { datInput, game, SHA1_A, SHA1_B } from './test-support/sample.js';
import { ENGINES, useCatalogues } from './test-support/catalogues.js';
import type { ChangeTracker, GameInput, VersionedGame } from './types.js';

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});


/** Identity drops a "(vN)" stamp; content is the crc list; the diff reports what it was shown. */
function toyTracker(seen: VersionedGame[][] = []): ChangeTracker {
  return {
    identityOf: (p) => p.replace(/ \(v\d+\)/, ''),
    contentOf: (roms) => roms.map((rom) => rom.crc ?? '').join(','),
    diff(view) {
      const games = [...view.games()];
      seen.push(games);
      const names = (old: boolean) => new Set(games.filter((g) => g.old === old).map((g) => g.name));
      const [before, after] = [names(true), names(false)];
      const changed = [...after].filter(
        (name) => before.has(name) && games.find((g) => g.old && g.name === name)?.content !== games.find((g) => !g.old && g.name === name)?.content,
      );
      return {
        added: [...after].filter((name) => !before.has(name)),
        removed: [...before].filter((name) => !after.has(name)),
        renamed: [],
        changed: changed.map((name) => ({ game: name, roms: { added: view.roms(name, false), removed: view.roms(name, true), rehashed: [] } })),
      };
    },
  };
}

async function importVersion(store: Store, games: GameInput[], overrides = {}, tracker = toyTracker()) {
  const writer = store.beginDatImport(datInput(overrides), { changes: tracker });
  for (const entry of games) writer.addGame(entry);
  return writer.commit();
}

describe.each(ENGINES)('%s', (engine) => {
  const newCatalogue = useCatalogues(engine);
  async function freshStore(): Promise<Store> {
    const store = await openStore(await newCatalogue());
    stores.push(store);
    return store;
  }

  describe('change sets in the catalogue', () => {
    test('the tracker sees both versions ordered by name, old first, with their contents; ROMs on request', async () => {
      const store = await freshStore();
      await importVersion(store, [game('b', [{ name: 'b', crc: '2' }]), game('a', [{ name: 'a', crc: '1' }])], { sourceVersion: 's1' });
      const seen: VersionedGame[][] = [];
      const second = await importVersion(store, [game('a', [{ name: 'a', crc: '9' }]), game('c', [])], { sha1: SHA1_B, sourceVersion: 's2' }, toyTracker(seen));
      expect(seen[0]).toEqual([
        { name: 'a', old: true, content: '00000001' },
        { name: 'a', old: false, content: '00000009' },
        { name: 'b', old: true, content: '00000002' },
        { name: 'c', old: false, content: '' },
      ]);
      expect(second.changes).toEqual({ added: 1, removed: 1, renamed: 0, changed: 1 });
      expect(second.games).toBe(2);
      const [latest, first] = await store.listChangeSets({ details: true });
      expect(first).toMatchObject({ kind: 'imported', fromVersion: null, toSourceVersion: 's1', counts: { added: 2 } });
      expect(first?.details?.added).toEqual(['a', 'b']);
      expect(latest).toMatchObject({ kind: 'updated', fromSha1: SHA1_A, toSha1: SHA1_B, fromSourceVersion: 's1', toSourceVersion: 's2' });
      expect(latest?.details?.changed[0]?.roms.removed).toEqual([{ name: 'a', size: null, crc: '00000001', md5: null, sha1: null }]);
      // Only the new version's rows remain.
      expect((await store.findRoms({ name: 'b' })).length).toBe(0);
    });

    test('a row found by identity takes the new path; filters by source, DAT, time and count', async () => {
      const store = await freshStore();
      const first = await importVersion(store, [game('a')], { path: 'opengood/X (v1).dat', header: { name: 'Xylo' } });
      const second = await importVersion(store, [game('a'), game('b')], { path: 'opengood/X (v2).dat', sha1: SHA1_B, header: { name: 'Xylo' } });
      expect(second.id).toBe(first.id);
      expect((await store.listDats()).map((d) => d.path)).toEqual(['opengood/X (v2).dat']);
      await importVersion(store, [game('z')], { source: 'mame', path: 'mame/mame.xml', header: { name: 'MAME' } });
      expect((await store.listChangeSets({ source: 'opengood' })).map((s) => s.path)).toEqual(['opengood/X (v2).dat', 'opengood/X (v1).dat']);
      expect((await store.listChangeSets({ dat: 'xYl' })).length).toBe(2);
      expect((await store.listChangeSets({ dat: 'mame.XML' })).map((s) => s.source)).toEqual(['mame']);
      expect((await store.listChangeSets({ limit: 1 })).map((s) => s.source)).toEqual(['mame']);
      expect(await store.listChangeSets({ since: new Date(Date.now() + 60_000) })).toEqual([]);
    });

    test('removing a DAT drops its history and records the removal in one transaction', async () => {
      const store = await freshStore();
      await importVersion(store, [game('a'), game('a'), game('b')]);
      await importVersion(store, [game('a')], { sha1: SHA1_B });
      expect(await store.removeDat('opengood/Nintendo - Game Boy.dat')).toBe(true);
      const sets = await store.listChangeSets({ details: true });
      expect(sets).toHaveLength(1);
      expect(sets[0]).toMatchObject({ kind: 'removed', fromSha1: SHA1_B, toSha1: null, counts: { removed: 1 }, details: { removed: ['a'] } });
      expect(await store.removeDat('opengood/Nintendo - Game Boy.dat')).toBe(false);
    });

    test('abort() records nothing', async () => {
      const store = await freshStore();
      const writer = store.beginDatImport(datInput(), { changes: toyTracker() });
      writer.addGame(game('a'));
      writer.abort();
      expect(await store.listChangeSets()).toEqual([]);
      expect(await store.findDat('opengood/Nintendo - Game Boy.dat')).toBeNull();
    });
  });
});
