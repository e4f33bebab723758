import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { StoreError } from './errors.js';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { loadMigrations, migrate, MIGRATIONS_TABLE } from './migrations.js';
import { openStore } from './store.js';
import { datInput, game } from './test-support/sample.js';
import { useTempDirs } from './test-support/temp-dir.js';

const tempDir = useTempDirs();

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
}

function appliedVersions(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT version FROM ${MIGRATIONS_TABLE} ORDER BY version`).all() as { version: number }[]).map((row) => row.version);
  } finally {
    db.close();
  }
}

/** A migrations folder holding the shipped migrations plus `extra` ones after them. */
function migrationsDir(dir: string, extra: Record<string, string>): string {
  const target = path.join(dir, 'migrations');
  mkdirSync(target);
  for (const migration of loadMigrations()) writeFileSync(path.join(target, `${migration.name}.sql`), migration.sql);
  for (const [name, sql] of Object.entries(extra)) writeFileSync(path.join(target, name), sql);
  return target;
}

describe('migrations', () => {
  test('the shipped migrations are numbered from 1 without gaps', () => {
    const migrations = loadMigrations();
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(migrations[0]?.name).toBe('0001_init');
  });

  test('a new database gets every migration, each recorded', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    await (await openStore(file)).close();
    expect(appliedVersions(file)).toEqual(loadMigrations().map((migration) => migration.version));
    expect(tables(file)).toEqual(expect.arrayContaining(['dat', 'dat_source', 'disk', 'game', 'rom', MIGRATIONS_TABLE]));
    // Opening again applies nothing.
    const db = new Database(file);
    try {
      expect(migrate(db, file).applied).toEqual([]);
    } finally {
      db.close();
    }
  });

  test('a database made by an older migration set is upgraded and keeps its rows', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'rommer.db');
    const store = await openStore(file);
    const writer = store.beginDatImport(datInput());
    writer.addGame(game('Kept', [{ name: 'kept.bin', crc: '12345678' }]));
    await writer.commit();
    await store.close();

    const next = loadMigrations().length + 1;
    const newer = migrationsDir(dir, { [`${String(next).padStart(4, '0')}_rom_region.sql`]: 'ALTER TABLE "rom" ADD COLUMN "region" TEXT;' });
    const db = new Database(file);
    try {
      expect(migrate(db, file, loadMigrations(newer))).toEqual({ applied: [next], version: next });
      expect(db.prepare('SELECT name, region FROM rom').all()).toEqual([{ name: 'kept.bin', region: null }]);
    } finally {
      db.close();
    }
  });

  test('the real store upgrades a database that predates its first migration', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    const db = new Database(file);
    migrate(db, file, []);
    db.close();
    expect(appliedVersions(file)).toEqual([]);
    await (await openStore(file)).close();
    expect(appliedVersions(file)).toEqual(loadMigrations().map((migration) => migration.version));
  });

  test('a schema-1 catalogue with rows gets the change-set tables; its rows keep null identity and content', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    const db = new Database(file);
    try {
      migrate(db, file, loadMigrations().slice(0, 1));
      db.exec(`INSERT INTO dat (id, path, format, size, sha1, imported_at, game_count, rom_count, disk_count) VALUES (1, 'x.dat', 'logiqx', 1, 'aa', 0, 1, 0, 0)`);
      db.exec(`INSERT INTO game (dat_id, name) VALUES (1, 'g')`);
      expect(migrate(db, file).applied).toEqual(loadMigrations().map((m) => m.version).filter((v) => v > 1));
      expect(db.prepare('SELECT identity, source_version AS sourceVersion FROM dat').all()).toEqual([{ identity: null, sourceVersion: null }]);
      expect(db.prepare('SELECT name, content FROM game').all()).toEqual([{ name: 'g', content: null }]);
      expect(tables(file)).toEqual(expect.arrayContaining(['change_set', 'change_game']));
    } finally {
      db.close();
    }
  });

  test('a failing migration rolls back all of the upgrade', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'rommer.db');
    const next = String(loadMigrations().length + 1).padStart(4, '0');
    const broken = migrationsDir(dir, { [`${next}_broken.sql`]: 'CREATE TABLE "half" ("a" TEXT);\nINSERT INTO "nowhere" VALUES (1);' });
    const db = new Database(file);
    try {
      expect(() => migrate(db, file, loadMigrations(broken))).toThrow(/cannot apply the catalogue's migrations: no such table: nowhere/);
      expect(tables(file)).toEqual([]);
    } finally {
      db.close();
    }
  });

  test('a database from a newer rommer is refused untouched', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    await (await openStore(file)).close();
    const db = new Database(file);
    db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, checksum, applied_at) VALUES (99, '0099_future', 'x', 0)`).run();
    db.close();
    const before = readFileSync(file);
    const error = await openStore(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(
      `${file} was written by a newer rommer (schema version 99, migration 0099_future; this rommer knows up to ${loadMigrations().length}): upgrade rommer or use another data folder`,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test('a SQLite file that is not a catalogue is refused', async () => {
    const file = path.join(await tempDir(), 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    await expect(openStore(file)).rejects.toThrow(`${file} is a SQLite database but not a rommer catalogue; refusing to change it`);
    expect(tables(file)).toEqual(['notes']);
  });

  test('a file that is not SQLite gives one line naming it (when rebuilding is refused; see self-heal.test.ts)', async () => {
    const file = path.join(await tempDir(), 'rommer.db');
    writeFileSync(file, 'this is not a database, just some text that is long enough to have a header '.repeat(20));
    const error = await openStore(file, { damaged: 'refuse' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*not a database`));
  });

  test('a gap in the numbering is a packaging error', async () => {
    const dir = await tempDir();
    const skipped = `${String(loadMigrations().length + 2).padStart(4, '0')}_skipped`;
    expect(() => loadMigrations(migrationsDir(dir, { [`${skipped}.sql`]: 'SELECT 1;' }))).toThrow(`${skipped} is out of sequence`);
  });
});
