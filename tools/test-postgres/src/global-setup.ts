// vitest globalSetup: one server per test run, its admin URL handed to the tests as
// inject('postgresAdminUrl') (and ROMMER_TEST_POSTGRES_URL for child processes they spawn).
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.js';

import type {} from './provided-context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgresAdminUrl', server.adminUrl);
  process.env['ROMMER_TEST_POSTGRES_URL'] = server.adminUrl;
  return () => server.stop();
}
