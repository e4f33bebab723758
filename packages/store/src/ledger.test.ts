import { describe, expect, test } from 'vitest';
import { openStore } from './store.js';
import { ENGINES, useCatalogues } from './test-support/catalogues.js';

describe.each(ENGINES)('%s', (engine) => {
  const newCatalogue = useCatalogues(engine);

  describe('ledger', () => {
    test('an update round-trips through a closed and reopened database', async () => {
      const file = await newCatalogue();
      const store = await openStore(file);
      expect(await store.ledger.get('fbneo')).toBeUndefined();
      const state = { files: { 'dats/FinalBurn Neo (ClrMame Pro XML, Arcade only).dat': 'f3a1c9' }, etag: '"abc"' };
      await store.ledger.set({ source: 'fbneo', version: 'f3a1c9', lastUpdated: 1_790_000_000, url: 'https://example.test/fbneo', state });
      await store.close();

      const again = await openStore(file);
      try {
        expect(await again.ledger.get('fbneo')).toEqual({
          source: 'fbneo',
          version: 'f3a1c9',
          lastUpdated: 1_790_000_000,
          url: 'https://example.test/fbneo',
          lastChecked: 1_790_000_000,
          state,
          lastError: null,
        });
      } finally {
        await again.close();
      }
    });

    test('a check records its time and error without touching the version', async () => {
      const store = await openStore(await newCatalogue());
      try {
        await store.ledger.set({ source: 'mame', version: 'mame0288', lastUpdated: 100, url: null, state: null, lastChecked: 90 });
        await store.ledger.recordCheck('mame', 200, 'GitHub API rate limit exceeded');
        expect(await store.ledger.get('mame')).toMatchObject({ version: 'mame0288', lastUpdated: 100, lastChecked: 200, lastError: 'GitHub API rate limit exceeded' });
        // The next successful update clears the error.
        await store.ledger.set({ source: 'mame', version: 'mame0289', lastUpdated: 300, url: null, state: null });
        expect(await store.ledger.get('mame')).toMatchObject({ version: 'mame0289', lastChecked: 300, lastError: null });
      } finally {
        await store.close();
      }
    });

    test('a source that was only checked has no entry yet; list holds the updated ones by name', async () => {
      const store = await openStore(await newCatalogue());
      try {
        await store.ledger.recordCheck('redump', 50, 'login needed');
        await store.ledger.set({ source: 'tosec', version: '2026-10-01', lastUpdated: 10, url: null, state: null });
        await store.ledger.set({ source: 'no-intro', version: '2026-11-20', lastUpdated: 20, url: null, state: { pack: 'x.zip' } });
        expect(await store.ledger.get('redump')).toBeUndefined();
        expect((await store.ledger.list()).map((entry) => entry.source)).toEqual(['no-intro', 'tosec']);
        // Its first successful update creates the entry and clears the error the checks left.
        await store.ledger.set({ source: 'redump', version: 'v1', lastUpdated: 60, url: null, state: null });
        expect(await store.ledger.get('redump')).toMatchObject({ version: 'v1', lastError: null });
      } finally {
        await store.close();
      }
    });

    test('a failed check may leave state for the next run (a cool-down), with or without a version held', async () => {
      const store = await openStore(await newCatalogue());
      try {
        const coolDown = { coolDown: { until: 1000, reason: 'throttled' } };
        await store.ledger.recordCheck('no-intro', 50, 'DAT-o-MATIC throttled', coolDown);
        // Nothing held yet: the entry says so with an empty version, and is not listed as held.
        expect(await store.ledger.get('no-intro')).toMatchObject({ version: '', lastUpdated: 0, lastChecked: 50, state: coolDown });
        expect(await store.ledger.list()).toEqual([]);
        await store.ledger.set({ source: 'tosec', version: '2026-10-01', lastUpdated: 10, url: null, state: { a: 1 } });
        await store.ledger.recordCheck('tosec', 60, 'refused', { a: 1, coolDown: { until: 2000 } });
        expect(await store.ledger.get('tosec')).toMatchObject({ version: '2026-10-01', lastUpdated: 10, state: { a: 1, coolDown: { until: 2000 } } });
        // Without state, a check leaves the state alone.
        await store.ledger.recordCheck('tosec', 70, null);
        expect((await store.ledger.get('tosec'))?.state).toEqual({ a: 1, coolDown: { until: 2000 } });
      } finally {
        await store.close();
      }
    });

    test('a time that is not a number is refused with the source named', async () => {
      const store = await openStore(await newCatalogue());
      try {
        await expect(store.ledger.set({ source: 'tosec', version: 'x', lastUpdated: Number.NaN, url: null, state: null })).rejects.toThrow(
          /ledger entry for tosec: lastUpdated NaN is not a time in seconds/,
        );
      } finally {
        await store.close();
      }
    });
  });
});
