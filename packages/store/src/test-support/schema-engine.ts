// Prisma's schema engine as WebAssembly: `prisma migrate diff` without the native binary, which
// cannot be downloaded here (see STACK.md). Used by the drift test only.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { toPostgresqlSchema } from '../../scripts/postgresql-schema.mjs';

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

/** pg's OIDs for the catalogue types "char" and name, and for text. */
const CHAR_OID = 18;
const NAME_OID = 19;
const TEXT_OID = 25;

/**
 * The schema engine reads pg_catalog columns of type "char" (relkind, contype, …), which the pg
 * adapter refuses to map ("Column type 'char' could not be deserialized"); node-postgres already
 * returns them as strings, so they are handed on as text.
 */
class IntrospectablePrismaPg extends PrismaPg {
  override async connect(): ReturnType<PrismaPg['connect']> {
    const adapter = await super.connect();
    const io = adapter as unknown as { performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[] }> };
    const performIO = io.performIO.bind(adapter);
    io.performIO = async (query) => {
      const result = await performIO(query);
      for (const field of result.fields) if (field.dataTypeID === CHAR_OID || field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
      return result;
    };
    return adapter;
  }
}

/**
 * SQL that turns a database (or an empty one) into `schema.prisma`'s model; empty when they agree.
 * SQLite: `databaseFile` (null: an empty database). PostgreSQL: `postgresUrl` is the database to
 * compare (with `empty: true`, only the connection the engine needs; the diff starts from nothing),
 * and the model is schema.prisma's PostgreSQL variant. `ignoreTables` are left out of the comparison.
 */
export async function diffToSchema(options: {
  databaseFile?: string | null;
  postgresUrl?: string;
  empty?: boolean;
  schemaFile: string;
  ignoreTables?: string[];
}): Promise<string> {
  await loadWasm();
  const sqliteContent = await readFile(options.schemaFile, 'utf8');
  const postgres = options.postgresUrl !== undefined;
  const content = postgres ? toPostgresqlSchema(sqliteContent) : sqliteContent;
  const fromEmpty = postgres ? options.empty === true : (options.databaseFile ?? null) === null;
  const adapter = bindMigrationAwareSqlAdapterFactory(
    postgres
      ? new IntrospectablePrismaPg({ connectionString: options.postgresUrl })
      : new PrismaBetterSqlite3({ url: `file:${options.databaseFile ?? ':memory:'}` }),
  );
  const engine = await bg.SchemaEngine.new({ datamodels: [[options.schemaFile, content]] }, () => {}, adapter);
  const result = await engine.diff({
    // schemaDatasource: the live database behind the adapter handed to the engine.
    from: fromEmpty
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
