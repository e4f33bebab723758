// schema.prisma and the SQL in ../migrations/ must describe the same database: the generated
// client is built from the first, real databases are made from the second.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { MIGRATIONS_TABLE } from './migrations.js';
import { openStore } from './store.js';
import { diffToSchema } from './test-support/schema-engine.js';
import { useTempDirs } from './test-support/temp-dir.js';

const tempDir = useTempDirs();
const schemaFile = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));

async function migratedDatabase(): Promise<string> {
  const file = path.join(await tempDir(), 'rommer.db');
  await (await openStore(file)).close();
  return file;
}

test('the migrations produce exactly the database schema.prisma describes', async () => {
  const missing = await diffToSchema({ databaseFile: await migratedDatabase(), schemaFile, ignoreTables: [MIGRATIONS_TABLE] });
  // On failure this prints the SQL a new migrations/NNNN_<name>.sql needs.
  expect(missing, 'schema.prisma changed without a migration; add one with this SQL').toBe('');
});

test('the check notices a model change that has no migration', async () => {
  const changed = path.join(await tempDir(), 'schema.prisma');
  writeFileSync(changed, readFileSync(schemaFile, 'utf8').replace('  serial String?\n', '  serial String?\n  region String?\n'));
  const missing = await diffToSchema({ databaseFile: await migratedDatabase(), schemaFile: changed, ignoreTables: [MIGRATIONS_TABLE] });
  expect(missing).toContain('ALTER TABLE "rom" ADD COLUMN "region" TEXT');
});
