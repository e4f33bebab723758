// Generates the Prisma client into src/generated/prisma, offline. Runs before build, typecheck and
// test (the nx "generate" target) and does nothing when schema.prisma and prisma are unchanged.
// `prisma generate` wants the schema-engine binary on disk although generation never runs it, and
// downloading it is impossible offline: any existing file satisfies it (STACK.md).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const schemaFile = path.join(packageDir, 'prisma', 'schema.prisma');
const outputDir = path.join(packageDir, 'src', 'generated', 'prisma');
const stampFile = path.join(outputDir, '.schema-hash');

const prismaPackage = require.resolve('prisma/package.json');
const prismaVersion = JSON.parse(readFileSync(prismaPackage, 'utf8')).version;
const hash = createHash('sha256').update(prismaVersion).update('\0').update(readFileSync(schemaFile)).digest('hex');

if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash && existsSync(path.join(outputDir, 'client.ts'))) {
  process.exit(0);
}

const result = spawnSync(
  process.execPath,
  [path.join(path.dirname(prismaPackage), 'build', 'index.js'), 'generate', '--schema', schemaFile],
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
  console.error(`prisma generate failed for ${schemaFile} (exit ${result.status ?? result.signal})`);
  process.exit(1);
}
writeFileSync(stampFile, hash);
