import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { expect, test } from 'vitest';
import { errorLine } from './error-text.js';
import { PrismaClient } from './generated/prisma/client.js';
import { useTempDirs } from './test-support/temp-dir.js';

const tempDir = useTempDirs();

test('a Prisma error gives its cause, not its "Invalid invocation" preamble', async () => {
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${path.join(await tempDir(), 'empty.db')}` }) });
  try {
    const error = await prisma.dat.findMany().catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^\s*Invalid `/);
    expect(errorLine(error)).toMatch(/dat/);
    expect(errorLine(error)).not.toMatch(/Invalid `|\n/);
  } finally {
    await prisma.$disconnect();
  }
});

test('other errors give their first line', () => {
  expect(errorLine(new Error('SQLITE_BUSY: database is locked\n    at x'))).toBe('SQLITE_BUSY: database is locked');
  expect(errorLine('plain')).toBe('plain');
  expect(errorLine(new TypeError(''))).toBe('TypeError');
});
