import path from 'node:path';
import { StoreError } from './errors.js';
import { describe, expect, test } from 'vitest';
import { openStore, type Store } from './store.js';
import { datInput } from './test-support/sample.js';
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

  test('writes are refused while a DAT import is open, and errors name the database', () =>
    withStore((store) => {
      const writer = store.beginDatImport(datInput());
      expect(() => store.scan.beginRun(['/x'], false)).toThrow(StoreError);
      expect(() => store.scan.beginRun(['/x'], false)).toThrow(store.file);
      writer.abort();
      expect(store.scan.beginRun(['/x'], false)).toBeGreaterThan(0);
    }));
});
