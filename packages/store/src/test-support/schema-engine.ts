// Prisma's schema engine as WebAssembly: `prisma migrate diff` without the native binary, which
// cannot be downloaded here (see STACK.md). Used by the drift test only.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';

const require = createRequire(import.meta.url);
let loaded: Promise<void> | undefined;

// The workspace compiles without the DOM library, which is where TypeScript declares WebAssembly.
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The package is built for bundlers: instantiate its wasm by hand, once per process. */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const wasmFile = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    const { instance } = await wasmApi.instantiate(await readFile(wasmFile), { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports['__wbindgen_start'] as () => void)();
  })();
  return loaded;
}

/**
 * SQL that turns the database at `databaseFile` (or an empty one) into `schema.prisma`'s model;
 * empty when they agree. `ignoreTables` are left out of the comparison.
 */
export async function diffToSchema(options: {
  databaseFile: string | null;
  schemaFile: string;
  ignoreTables?: string[];
}): Promise<string> {
  await loadWasm();
  const content = await readFile(options.schemaFile, 'utf8');
  const url = `file:${options.databaseFile ?? ':memory:'}`;
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url }));
  const engine = await bg.SchemaEngine.new({ datamodels: [[options.schemaFile, content]] }, () => {}, adapter);
  const result = await engine.diff({
    // schemaDatasource: the live database behind the adapter handed to the engine.
    from:
      options.databaseFile === null
        ? { tag: 'empty' }
        : { tag: 'schemaDatasource', files: [{ path: options.schemaFile, content }], configDir: path.dirname(options.schemaFile) },
    to: { tag: 'schemaDatamodel', files: [{ path: options.schemaFile, content }] },
    script: true,
    exitCode: true,
    filters: { externalTables: options.ignoreTables ?? [], externalEnums: [] },
  });
  // exitCode 0: nothing to do (the script then only says "This is an empty migration").
  return result.exitCode === 0 ? '' : (result.stdout ?? '').trim();
}
