// A catalogue that is empty or corrupt is derived data: the DAT folders hold the truth, so rather
// than refusing to start, the store moves the broken file aside and starts a new one, which the
// update's reconcile step fills again from `<data>/dats`. SQLite-only (another engine has its own
// integrity tooling).
import { existsSync, renameSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** quick_check reads every page: on open it runs only on catalogues up to this size. */
export const QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024;

/** SQLite error codes that mean "this file is not (any more) a usable database". */
const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE']);

export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && CORRUPT_CODES.has(code);
}

/** The problems `PRAGMA <check>` reports, or [] when the database is sound. */
export function integrityProblems(db: Database.Database, check: 'quick_check' | 'integrity_check', max = 10): string[] {
  const rows = db.pragma(`${check}(${max})`) as Record<string, string>[];
  const lines = rows
    .flatMap((row) => String(Object.values(row)[0] ?? '').split('\n'))
    .filter((line) => line.trim() !== '' && !/^\*\*\* in database /.test(line));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

export function fileSize(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

/**
 * Moves the catalogue and its WAL/SHM files aside as `<file>.broken-<time>`; returns the new name.
 * The WAL goes with it: replaying an old WAL into a new file would corrupt that one too.
 */
export function moveAside(file: string): string {
  const aside = `${file}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}
