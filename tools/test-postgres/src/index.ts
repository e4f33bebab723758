// @rommer/test-postgres: a throw-away PostgreSQL server and per-test databases.
export { findServerBinaries, startPostgres, SUPERUSER, type PostgresServer } from './postgres-server.js';
export { createDatabase, dropDatabase } from './databases.js';
export type { PostgresProvidedContext } from './provided-context.js';
