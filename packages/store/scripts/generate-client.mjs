// Generates the Prisma clients, offline: src/generated/prisma (SQLite) from prisma/schema.prisma and
// src/generated/prisma-pg (PostgreSQL) from the same models (postgresql-schema.mjs). Runs before
// build, typecheck and test (the nx "generate" target) and does nothing when schema.prisma, this
// script and prisma are unchanged.
// `prisma generate` wants the schema-engine binary on disk although generation never runs it, and
// downloading it is impossible offline: any existing file satisfies it (STACK.md).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toPostgresqlSchema } from './postgresql-schema.mjs';

const require = createRequire(import.meta.url);
const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const schemaFile = path.join(packageDir, 'prisma', 'schema.prisma');
const generatedDir = path.join(packageDir, 'src', 'generated');
const pgSchemaFile = path.join(generatedDir, 'postgresql.prisma');
const stampFile = path.join(generatedDir, '.schema-hash');

const prismaPackage = require.resolve('prisma/package.json');
const prismaVersion = JSON.parse(readFileSync(prismaPackage, 'utf8')).version;
const hash = createHash('sha256')
  .update(prismaVersion)
  .update('\0')
  .update(readFileSync(schemaFile))
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(readFileSync(new URL('./postgresql-schema.mjs', import.meta.url)))
  .digest('hex');

const generated = ['prisma', 'prisma-pg'].every((dir) =>
  existsSync(path.join(generatedDir, dir, 'client.ts')),
);
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash && generated) {
  process.exit(0);
}

mkdirSync(generatedDir, { recursive: true });
writeFileSync(pgSchemaFile, toPostgresqlSchema(readFileSync(schemaFile, 'utf8')));
for (const schema of [schemaFile, pgSchemaFile]) generate(schema);
writeFileSync(stampFile, hash);

function generate(schema) {
  const result = spawnSync(
    process.execPath,
    [path.join(path.dirname(prismaPackage), 'build', 'index.js'), 'generate', '--schema', schema],
    {
      cwd: packageDir,
      stdio: 'inherit',
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        PRISMA_GENERATE_SKIP_AUTOINSTALL: '1',
      },
    },
  );
  if (result.status !== 0) {
    console.error(`prisma generate failed for ${schema} (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}
