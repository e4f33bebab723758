// schema.prisma and the SQL in ../migrations/ (SQLite) and ../migrations/postgresql/ must describe
// the same database: the generated clients are built from the first, real databases are made from
// the second. A new SQLite migration is ported by saving the SQL the PostgreSQL test prints.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { MIGRATIONS_TABLE } from './migrations.js';
import { openStore } from './store.js';
import { useCatalogues } from './test-support/catalogues.js';
import { diffToSchema } from './test-support/schema-engine.js';
import { useTempDirs } from './test-support/temp-dir.js';

const tempDir = useTempDirs();
const schemaFile = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));

async function changedSchema(): Promise<string> {
  const changed = path.join(await tempDir(), 'schema.prisma');
  writeFileSync(
    changed,
    readFileSync(schemaFile, 'utf8').replace('  serial String?\n', '  serial String?\n  region String?\n'),
  );
  return changed;
}

describe('SQLite', () => {
  async function migratedDatabase(): Promise<string> {
    const file = path.join(await tempDir(), 'rommer.db');
    await (await openStore(file)).close();
    return file;
  }

  test('the migrations produce exactly the database schema.prisma describes', async () => {
    const missing = await diffToSchema({
      databaseFile: await migratedDatabase(),
      schemaFile,
      ignoreTables: [MIGRATIONS_TABLE],
    });
    // On failure this prints the SQL a new migrations/NNNN_<name>.sql needs.
    expect(missing, 'schema.prisma changed without a migration; add one with this SQL').toBe('');
  });

  test('the check notices a model change that has no migration', async () => {
    const missing = await diffToSchema({
      databaseFile: await migratedDatabase(),
      schemaFile: await changedSchema(),
      ignoreTables: [MIGRATIONS_TABLE],
    });
    expect(missing).toContain('ALTER TABLE "rom" ADD COLUMN "region" TEXT');
  });
});

describe('PostgreSQL', () => {
  const newDatabase = useCatalogues('postgresql');
  async function migratedDatabase(): Promise<string> {
    const url = await newDatabase();
    await (await openStore(url)).close();
    return url;
  }

  test('the migrations produce exactly the database schema.prisma describes', async () => {
    const missing = await diffToSchema({
      postgresUrl: await migratedDatabase(),
      schemaFile,
      ignoreTables: [`public.${MIGRATIONS_TABLE}`],
    });
    // On failure this prints the SQL a new migrations/postgresql/NNNN_<name>.sql needs (same name as the SQLite one).
    expect(missing, 'schema.prisma changed without a PostgreSQL migration; add one with this SQL').toBe('');
  });

  test('the check notices a model change that has no migration', async () => {
    const missing = await diffToSchema({
      postgresUrl: await migratedDatabase(),
      schemaFile: await changedSchema(),
      ignoreTables: [`public.${MIGRATIONS_TABLE}`],
    });
    expect(missing).toContain('ALTER TABLE "rom" ADD COLUMN     "region" TEXT');
  });
});
