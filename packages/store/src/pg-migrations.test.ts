import { StoreError } from './errors.js';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { loadMigrations, MIGRATIONS_TABLE } from './migrations.js';
import { loadPostgresMigrations, migratePostgres } from './pg-migrations.js';
import { openStore } from './store.js';
import { useCatalogues } from './test-support/catalogues.js';

const newDatabase = useCatalogues('postgresql');
const clients: pg.Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.end()));
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

describe('PostgreSQL migrations', () => {
  test('mirror the SQLite ones: same versions and names', () => {
    expect(loadPostgresMigrations().map((migration) => migration.name)).toEqual(
      loadMigrations().map((migration) => migration.name),
    );
  });

  test('a new database gets every migration, each recorded; opening again applies nothing', async () => {
    const url = await newDatabase();
    const store = await openStore(url);
    expect(store.engine).toBe('postgresql');
    expect(await store.info()).toMatchObject({
      engine: 'postgresql',
      server: expect.stringMatching(/^PostgreSQL \d+\.\d+/),
      schemaVersion: loadPostgresMigrations().length,
      latestVersion: loadPostgresMigrations().length,
    });
    await store.close();
    const client = await connect(url);
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM "${MIGRATIONS_TABLE}" ORDER BY version`,
    );
    expect(rows.map((row) => row.version)).toEqual(
      loadPostgresMigrations().map((migration) => migration.version),
    );
    expect((await migratePostgres(client, 'db')).applied).toEqual([]);
  });

  test('machines opening a new catalogue at the same moment migrate it once', async () => {
    const url = await newDatabase();
    const stores = await Promise.all([openStore(url), openStore(url), openStore(url)]);
    await Promise.all(stores.map((store) => store.close()));
    const client = await connect(url);
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${MIGRATIONS_TABLE}"`,
    );
    expect(rows[0]!.n).toBe(loadPostgresMigrations().length);
  });

  test('a failing migration rolls back all of the upgrade', async () => {
    const url = await newDatabase();
    const client = await connect(url);
    const broken = [
      ...loadPostgresMigrations(),
      { version: 2, name: '0002_broken', sql: 'CREATE TABLE extra (x INT); SELECT nope;', checksum: 'x' },
    ];
    await expect(migratePostgres(client, 'the catalogue', broken)).rejects.toThrow(
      /^the catalogue: cannot apply the catalogue's migrations: column "nope" does not exist$/,
    );
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  test('a database from a newer rommer is refused untouched', async () => {
    const url = await newDatabase();
    await (await openStore(url)).close();
    const client = await connect(url);
    await client.query(`INSERT INTO "${MIGRATIONS_TABLE}" VALUES (99, '0099_future', 'x', 0)`);
    const error = await openStore(url).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(
      /was written by a newer rommer \(schema version 99, migration 0099_future; this rommer knows up to \d+\)/,
    );
  });

  test('a database holding other tables is refused', async () => {
    const url = await newDatabase();
    const client = await connect(url);
    await client.query('CREATE TABLE invoices (id INT)');
    await expect(openStore(url)).rejects.toThrow(
      /holds tables but is not a rommer catalogue; refusing to change it$/,
    );
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()`,
    );
    expect(rows[0]!.n).toBe(1);
  });
});

describe('connecting', () => {
  test('a server that does not answer is one line naming the URL without its password', async () => {
    const url = new URL(await newDatabase());
    url.password = 'hunter2';
    url.port = '1';
    const error = await openStore(url.toString()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^postgresql:\/\/rommer:\*\*\*@127\.0\.0\.1:1\/store_[0-9a-f]+: cannot open the catalogue: .*ECONNREFUSED/,
    );
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('\n');
  });

  test('a database that does not exist is named', async () => {
    const url = new URL(await newDatabase());
    url.pathname = '/no_such_db';
    await expect(openStore(url.toString())).rejects.toThrow(
      /\/no_such_db: cannot open the catalogue: database "no_such_db" does not exist$/,
    );
  });
});
