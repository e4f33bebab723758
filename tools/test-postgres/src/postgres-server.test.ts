import pg from 'pg';
import { expect, test } from 'vitest';
import { createDatabase, dropDatabase } from './databases.js';
import { startPostgres } from './postgres-server.js';

test('starts a server on a loopback port, makes databases on it and stops it', async () => {
  const server = await startPostgres();
  try {
    expect(server.adminUrl).toMatch(/^postgresql:\/\/rommer@127\.0\.0\.1:\d+\/postgres$/);
    const url = await createDatabase(server.adminUrl, 'probe');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ db: string; v: string }>('SELECT current_database() AS db, current_setting($1) AS v', ['server_version_num']);
    await client.end();
    expect(rows[0]!.db).toMatch(/^probe_[0-9a-f]{12}$/);
    expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(Number(server.version) * 10000);
    await dropDatabase(server.adminUrl, url);
  } finally {
    await server.stop();
  }
  const after = new pg.Client({ connectionString: server.adminUrl, connectionTimeoutMillis: 2000 });
  await expect(after.connect()).rejects.toThrow();
});
