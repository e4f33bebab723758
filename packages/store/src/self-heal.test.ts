import { existsSync, readdirSync } from 'node:fs';
import { open, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from './errors.js';
import { describe, expect, test } from 'vitest';
import { openStore } from './store.js';
import { datInput, game } from './test-support/sample.js';
import { useTempDirs } from './test-support/temp-dir.js';

const tempDir = useTempDirs();

/** A catalogue with enough rows to span many pages, closed (WAL checkpointed into the file). */
async function filledCatalogue(file: string): Promise<void> {
  const store = await openStore(file);
  const writer = store.beginDatImport(datInput());
  for (let i = 0; i < 2000; i++) writer.addGame(game(`Game ${i} with a longer name to fill pages`, [{ name: `rom ${i}.bin`, crc: (i + 1).toString(16) }]));
  await writer.commit();
  await store.close();
}

/** Overwrites the middle of the file (b-tree pages of the game and rom tables) with garbage. */
async function scribble(file: string): Promise<void> {
  // Another program's write comes later than rommer's close, past the filesystem's timestamp tick.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const handle = await open(file, 'r+');
  try {
    const { size } = await handle.stat();
    await handle.write(Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
  } finally {
    await handle.close();
  }
}

describe('a damaged catalogue is moved aside and started again', () => {
  test('an empty (0-byte) file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'rommer.db');
    await writeFile(file, '');
    const store = await openStore(file);
    try {
      expect(store.rebuilt).toMatch(/rommer\.db was empty \(0 bytes\): moved aside to rommer\.db\.broken-.* and rebuilt from the DAT folders$/);
      expect(await store.listDats()).toEqual([]);
    } finally {
      await store.close();
    }
    expect(readdirSync(dir).filter((f) => f.includes('.broken-'))).toHaveLength(1);
  });

  test('a file that is not a database at all', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'rommer.db');
    await writeFile(file, 'x'.repeat(10_000));
    const store = await openStore(file);
    try {
      expect(store.rebuilt).toMatch(/was corrupt \(.*\): moved aside/);
    } finally {
      await store.close();
    }
  });

  test('pages scribbled over: quick_check on open finds it; integrity_check reports it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'rommer.db');
    await filledCatalogue(file);
    await scribble(file);
    const store = await openStore(file, { damaged: 'refuse' }).catch((error: unknown) => error);
    expect(store).toBeInstanceOf(StoreError);
    expect((store as Error).message).toMatch(/the catalogue is damaged \(corrupt \(quick_check: .+\)\)/);
    expect(existsSync(file)).toBe(true);
    const healed = await openStore(file);
    try {
      expect(healed.rebuilt).toMatch(/was corrupt \(quick_check: .+\): moved aside to rommer\.db\.broken-/);
      expect(await healed.integrityCheck()).toEqual([]);
    } finally {
      await healed.close();
    }
  });

  test('a catalogue as rommer closed it is not checked on open again; doctor\'s integrity_check still is', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    await filledCatalogue(file);
    expect(existsSync(`${file}-closed`)).toBe(true);
    // Damage that keeps the file's modification time (bit rot) is what the close mark cannot see.
    // The mark keeps the time to the nearest millisecond; utimes sets it back to within a microsecond.
    const { mtimeNs } = await stat(file, { bigint: true });
    const seconds = Number((mtimeNs + 500_000n) / 1_000_000n) / 1000;
    await scribble(file);
    await utimes(file, seconds, seconds);
    const store = await openStore(file, { damaged: 'refuse' });
    try {
      expect(store.rebuilt).toBeNull();
      expect(existsSync(`${file}-closed`)).toBe(false);
      expect((await store.integrityCheck()).length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    // A session that found damage leaves no mark: the next open checks, and update rebuilds.
    expect(existsSync(`${file}-closed`)).toBe(false);
    const again = await openStore(file, { damaged: 'refuse' }).catch((error: unknown) => error);
    expect((again as Error).message).toMatch(/the catalogue is damaged \(corrupt \(quick_check: .+\)\)/);
  });

  test('a sound catalogue passes integrity_check and is not rebuilt', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    await filledCatalogue(file);
    const store = await openStore(file);
    try {
      expect(store.rebuilt).toBeNull();
      expect(await store.integrityCheck()).toEqual([]);
      expect(await store.listDats()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
