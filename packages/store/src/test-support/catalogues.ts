// The store's suite runs on both engines: a fresh, empty catalogue per call — a SQLite file in a temp
// folder, or a new database on the test PostgreSQL server (vitest globalSetup) — removed after the test.
import path from 'node:path';
import { createDatabase, dropDatabase } from '@rommer/test-postgres';
import { afterEach, inject } from 'vitest';
import type { Engine } from '../catalogue-location.js';
import { useTempDirs } from './temp-dir.js';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgresql'];

export function useCatalogues(engine: Engine): () => Promise<string> {
  const tempDir = useTempDirs();
  const databases: string[] = [];
  afterEach(async () => {
    for (const url of databases.splice(0)) await dropDatabase(inject('postgresAdminUrl'), url);
  });
  return async () => {
    if (engine === 'sqlite') return path.join(await tempDir(), 'rommer.db');
    const url = await createDatabase(inject('postgresAdminUrl'), 'store');
    databases.push(url);
    return url;
  };
}
