import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { loadMigrations, MIGRATIONS_TABLE } from './migrations.js';
import { openStore } from './store.js';
import { datInput, game } from './test-support/sample.js';
import { useTempDirs } from './test-support/temp-dir.js';

const tempDir = useTempDirs();

/** The journal mode recorded in the file's header (bytes 18 and 19: 1 rollback journal, 2 WAL). */
function journalModeAtRest(file: string): 'rollback' | 'wal' {
  const header = readFileSync(file).subarray(18, 20);
  return header[0] === 2 && header[1] === 2 ? 'wal' : 'rollback';
}

/** The journal mode SQLite sees now (WAL's header change sits in the -wal file until a checkpoint). */
function walModeNow(file: string): string {
  const peek = new Database(file, { readonly: true });
  try {
    return String(peek.pragma('journal_mode', { simple: true }));
  } finally {
    peek.close();
  }
}

async function catalogueWithOneDat(file: string): Promise<void> {
  const store = await openStore(file);
  const writer = store.beginDatImport(datInput());
  writer.addGame(game('Game', [{ name: 'a.bin', crc: 'abcd1234' }]));
  await writer.commit();
  await store.close();
}

// A read-only data folder needs root-free EROFS, which only a mount namespace gives: the fault
// matrix's "read-only data folder" case covers it end to end. These cover what makes it possible.
describe('a catalogue at rest can be read where it cannot be written', () => {
  test('a clean close leaves the file out of WAL mode, with no -wal or -shm beside it', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    await catalogueWithOneDat(file);
    expect(journalModeAtRest(file)).toBe('rollback');
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
    // A read-only connection, as SQLite opens a file on a read-only mount, reads it.
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM dat').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  test('a close with an import open elsewhere keeps WAL on and does not wait; that import commits', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    await catalogueWithOneDat(file);
    const other = await openStore(file);
    try {
      const writer = other.beginDatImport(datInput({ path: '/dats/second.dat' }));
      writer.addGame(game('Second', [{ name: 'b.bin', crc: '12345678' }]));
      const reader = await openStore(file);
      expect((await reader.listDats()).length).toBe(1);
      const started = Date.now();
      await reader.close();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(walModeNow(file)).toBe('wal');
      await writer.commit();
      expect((await other.listDats()).length).toBe(2);
    } finally {
      await other.close();
    }
    expect(journalModeAtRest(file)).toBe('rollback');
  });

  test('a store left in rollback-journal mode by another close imports in WAL mode again', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    await catalogueWithOneDat(file);
    const other = await openStore(file);
    try {
      await (await openStore(file)).close();
      expect(walModeNow(file)).toBe('delete');
      const writer = other.beginDatImport(datInput({ path: '/dats/second.dat' }));
      expect(walModeNow(file)).toBe('wal');
      writer.addGame(game('Second', [{ name: 'b.bin', crc: '12345678' }]));
      await writer.commit();
      expect((await other.listDats()).length).toBe(2);
    } finally {
      await other.close();
    }
  });

  test('readOnly changes no byte of a current catalogue (nor its clean-close mark), and refuses writes', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    await catalogueWithOneDat(file);
    const before = [readFileSync(file), readFileSync(`${file}-closed`)];
    const store = await openStore(file, { readOnly: true });
    try {
      expect((await store.listDats()).map((dat) => dat.games)).toEqual([1]);
      await expect(store.ledger.set({ source: 'opengood', version: 'v1', lastUpdated: 100, url: null, state: null })).rejects.toThrow(/readonly/);
    } finally {
      await store.close();
    }
    expect([readFileSync(file), readFileSync(`${file}-closed`)]).toEqual(before);
  });

  test('readOnly where the folder can be written still applies migrations this rommer has and the file lacks', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    await catalogueWithOneDat(file);
    const db = new Database(file);
    db.prepare(`DELETE FROM ${MIGRATIONS_TABLE} WHERE version = (SELECT max(version) FROM ${MIGRATIONS_TABLE})`).run();
    // Undo migration 0004 (it dropped this index), so that it can run again.
    db.exec('CREATE INDEX rom_crc_idx ON rom (crc)');
    db.close();
    const store = await openStore(file, { readOnly: true });
    try {
      expect((await store.info()).schemaVersion).toBe(loadMigrations().length);
    } finally {
      await store.close();
    }
  });
});
