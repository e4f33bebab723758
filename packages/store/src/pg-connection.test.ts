import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { passwordFor } from './pg-connection.js';

const dirs: string[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const params = { host: 'db.example', port: 5432, database: 'rommer', user: 'alice' };

test('PGPASSWORD is used when the URL has no password', async () => {
  vi.stubEnv('PGPASSWORD', 'from-env');
  expect(await passwordFor(params)).toBe('from-env');
});

test('else ~/.pgpass (PGPASSFILE) is read for the host, port, database and user in use', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rommer-pgpass-'));
  dirs.push(dir);
  const file = path.join(dir, 'pgpass');
  await writeFile(file, 'other.example:5432:*:alice:wrong\ndb.example:5432:rommer:alice:from-file\n');
  // libpq (and pgpass) ignore a password file others can read.
  await chmod(file, 0o600);
  vi.stubEnv('PGPASSWORD', undefined);
  vi.stubEnv('PGPASSFILE', file);
  expect(await passwordFor(params)).toBe('from-file');
  expect(await passwordFor({ ...params, user: 'bob' })).toBeUndefined();
});
