// A catalogue that is empty or corrupt is derived data: the DAT folders hold the truth, so rather
// than refusing to start, the store moves the broken file aside and starts a new one, which the
// update's reconcile step fills again from `<data>/dats`. SQLite-only (another engine has its own
// integrity tooling).
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** quick_check reads every page: on open it runs only on catalogues up to this size. */
export const QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024;

/**
 * quick_check reads every page (0.24 s for a 40 MB catalogue, and its full page cache makes the
 * close slower too), which a daily no-change update cannot afford. rommer closing the file leaves
 * a mark of what the file was then (inode, size, modification time); a file that still matches was
 * last touched by rommer's own clean close and is not checked again. A killed process leaves no
 * mark, and anything that writes to the file after rommer changes its modification time.
 */
function closeMarkFile(file: string): string {
  return `${file}-closed`;
}

function fileStamp(file: string): string | undefined {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.ino} ${stat.size} ${(stat.mtimeNs + 500_000n) / 1_000_000n}`;
  } catch {
    return undefined;
  }
}

/** Records that rommer closed `file` cleanly as it is now; a folder that cannot be written keeps no mark. */
export function markCleanClose(file: string): void {
  const stamp = fileStamp(file);
  try {
    if (stamp === undefined) rmSync(closeMarkFile(file), { force: true });
    else writeFileSync(closeMarkFile(file), `${stamp}\n`);
  } catch {
    // Without the mark the next open checks the file: slower, never less safe.
  }
}

/**
 * True when `file` is as rommer's last clean close left it. Opening forgets the mark until the next
 * close, unless `keep` (an open that cannot change the file).
 */
export function unchangedSinceCleanClose(file: string, options: { keep?: boolean } = {}): boolean {
  let mark: string;
  try {
    mark = readFileSync(closeMarkFile(file), 'utf8').trim();
  } catch {
    return false;
  }
  try {
    if (options.keep !== true) rmSync(closeMarkFile(file), { force: true });
  } catch {
    // A folder rommer cannot write: nothing it does can change the file either.
  }
  return mark === fileStamp(file);
}

/** SQLite error codes that mean "this file is not (any more) a usable database". */
const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE']);

export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && CORRUPT_CODES.has(code);
}

/** The problems `PRAGMA <check>` reports, or [] when the database is sound. */
export function integrityProblems(db: Database.Database, check: 'quick_check' | 'integrity_check', max = 10): string[] {
  let rows: Record<string, string>[];
  try {
    rows = db.pragma(`${check}(${max})`) as Record<string, string>[];
  } catch (error) {
    // Damage bad enough to stop the check is its finding too.
    if (isCorruption(error)) return [(error as Error).message];
    throw error;
  }
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
  rmSync(closeMarkFile(file), { force: true });
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}
