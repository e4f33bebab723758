// The PostgreSQL connection pool behind the store: Prisma's adapter, the migrations and the bulk
// writer share it. Passwords come the way libpq users expect: from the URL, else PGPASSWORD, else
// ~/.pgpass (or PGPASSFILE), looked up for the host, port, database and user actually used.
import { createRequire } from 'node:module';
import pg from 'pg';

type ConnectionInfo = { host?: string; port?: number; database?: string; user?: string };
// pgpass 1.0 (the ~/.pgpass reader node-postgres itself uses) is CommonJS without types.
const pgpass = createRequire(import.meta.url)('pgpass') as (
  info: ConnectionInfo,
  done: (password: string | undefined) => void,
) => void;

/** How many connections one rommer process opens at most (Prisma's queries plus one import). */
const POOL_SIZE = 4;

export function passwordFor(parameters: ConnectionInfo): Promise<string | undefined> {
  const fromEnv = process.env['PGPASSWORD'];
  if (fromEnv !== undefined && fromEnv !== '') return Promise.resolve(fromEnv);
  return new Promise((resolve) => pgpass(parameters, resolve));
}

export function createPool(url: string): pg.Pool {
  // A password in the URL wins: node-postgres lets the parsed connection string override `password`.
  // pg hands the function its connection parameters (its types say it takes none).
  const password = passwordFor as unknown as () => Promise<string>;
  const pool = new pg.Pool({ connectionString: url, password, max: POOL_SIZE, application_name: 'rommer' });
  // An idle connection that the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}
