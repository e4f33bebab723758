// What `rommer scan` keeps: the hash cache and its runs, in the data folder's SQLite file (the
// paths are this machine's, so with a shared PostgreSQL catalogue too; catalogue-lookup.ts asks
// the catalogue). Raw better-sqlite3 prepared statements on the writer connection: a scan records
// one row per file, and 100k of them must take well under a second, which the ORM's per-query
// overhead would not allow.
import type Database from 'better-sqlite3';
import { StoreError } from './errors.js';
import { errorLine } from './error-text.js';
import { normaliseCrc, normaliseHash } from './normalise.js';
import type { ScanFileInput, ScanFileRecord, ScanRunRecord, ScanRunTotals } from './scan-types.js';
import type { WriteGate } from './write-gate.js';

export interface ScanStore {
  /** Starts a run; its files are those saved or marked seen with its id. */
  beginRun(paths: readonly string[], full: boolean): number;
  finishRun(runId: number, status: 'complete' | 'cancelled', totals: ScanRunTotals): void;
  /** The newest run that finished (complete or cancelled), or null before the first scan. */
  lastRun(): ScanRunRecord | null;
  /** The cached rows of one file (one per archive entry; one with entry "" for a loose file). */
  cachedFile(path: string): ScanFileRecord[];
  /** Replaces the cached rows of one file with `entries`, all seen by `runId`. */
  saveFile(runId: number, path: string, fileSize: number, fileMtime: number, entries: readonly ScanFileInput[]): void;
  /** Marks a file whose cached rows are still valid as seen by `runId`. */
  markSeen(runId: number, path: string): void;
  /** Every row the run saw, by path and entry. */
  filesOfRun(runId: number): ScanFileRecord[];
  /** Runs `work` in one transaction (many saveFile calls become one commit). */
  transaction<T>(work: () => T): T;
}

interface FileRow {
  path: string;
  entry: string;
  fileSize: number | bigint;
  fileMtime: number | bigint;
  size: number | bigint;
  crc: string | null;
  sha1: string | null;
  md5: string | null;
  sha256: string | null;
  header: string | null;
  headerSize: number | null;
  bodyCrc: string | null;
  bodySha1: string | null;
  bodyMd5: string | null;
  bodySha256: string | null;
}

const FILE_COLUMNS = `path, entry, file_size AS fileSize, file_mtime AS fileMtime, size, crc, sha1, md5, sha256, header,
  header_size AS headerSize, body_crc AS bodyCrc, body_sha1 AS bodySha1, body_md5 AS bodyMd5, body_sha256 AS bodySha256`;
function toFileRecord(row: FileRow): ScanFileRecord {
  const body =
    row.header === null
      ? null
      : { crc: row.bodyCrc, sha1: row.bodySha1, md5: row.bodyMd5, sha256: row.bodySha256 };
  return {
    path: row.path,
    entry: row.entry === '' ? null : row.entry,
    fileSize: Number(row.fileSize),
    fileMtime: Number(row.fileMtime),
    size: Number(row.size),
    crc: row.crc,
    sha1: row.sha1,
    md5: row.md5,
    sha256: row.sha256,
    header: row.header === null ? null : { kind: row.header, size: row.headerSize ?? 0, ...body! },
  };
}

function checkFile(file: string, path: string, entry: ScanFileInput): void {
  const problem = !Number.isSafeInteger(entry.size) || entry.size < 0 ? `size ${String(entry.size)} is not a byte count` : undefined;
  if (problem !== undefined) throw new StoreError(`${file}: cannot record scanned file ${path}: ${problem}`);
}

export function createScanStore(db: Database.Database, gate: WriteGate, file: string): ScanStore {
  const s = {
    beginRun: db.prepare(`INSERT INTO scan_run (paths, full, started_at, status) VALUES (?, ?, ?, 'running') RETURNING id`),
    finishRun: db.prepare(`UPDATE scan_run SET status = ?, finished_at = ?, files = ?, matched = ?, unknown = ? WHERE id = ?`),
    lastRun: db.prepare(
      `SELECT id, paths, full, started_at AS startedAt, finished_at AS finishedAt, status, files, matched, unknown
       FROM scan_run WHERE status <> 'running' ORDER BY id DESC LIMIT 1`,
    ),
    cached: db.prepare(`SELECT ${FILE_COLUMNS} FROM scan_file WHERE path = ? ORDER BY entry`),
    deleteFile: db.prepare(`DELETE FROM scan_file WHERE path = ?`),
    insertFile: db.prepare(
      `INSERT INTO scan_file (path, entry, file_size, file_mtime, size, crc, sha1, md5, sha256, header, header_size, body_crc, body_sha1, body_md5, body_sha256, last_run)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    markSeen: db.prepare(`UPDATE scan_file SET last_run = ? WHERE path = ?`),
    filesOfRun: db.prepare(`SELECT ${FILE_COLUMNS} FROM scan_file WHERE last_run = ? ORDER BY path, entry`),
  };
  const writable = (action: string): void => {
    if (gate.busy) throw new StoreError(`${file}: cannot ${action} while a DAT import is open`);
  };
  const store: ScanStore = {
    beginRun(paths, full) {
      writable('start a scan');
      const row = s.beginRun.get(JSON.stringify(paths), full ? 1 : 0, Date.now()) as { id: number };
      return row.id;
    },
    finishRun(runId, status, totals) {
      s.finishRun.run(status, Date.now(), totals.files, totals.matched, totals.unknown, runId);
    },
    lastRun() {
      const row = s.lastRun.get() as
        | { id: number; paths: string; full: number; startedAt: bigint | number; finishedAt: bigint | number; status: string; files: number; matched: number; unknown: number }
        | undefined;
      if (row === undefined) return null;
      return {
        id: row.id,
        paths: JSON.parse(row.paths) as string[],
        full: Boolean(row.full),
        startedAt: new Date(Number(row.startedAt)),
        finishedAt: new Date(Number(row.finishedAt)),
        status: row.status as 'complete' | 'cancelled',
        files: row.files,
        matched: row.matched,
        unknown: row.unknown,
      };
    },
    cachedFile: (path) => (s.cached.all(path) as FileRow[]).map(toFileRecord),
    saveFile(runId, path, fileSize, fileMtime, entries) {
      writable(`record ${path}`);
      for (const entry of entries) checkFile(file, path, entry);
      const save = db.transaction(() => {
        s.deleteFile.run(path);
        for (const e of entries) {
          s.insertFile.run(
            path,
            e.entry ?? '',
            fileSize,
            Math.trunc(fileMtime),
            e.size,
            normaliseCrc(e.crc),
            normaliseHash(e.sha1),
            normaliseHash(e.md5),
            normaliseHash(e.sha256),
            e.header?.kind ?? null,
            e.header?.size ?? null,
            normaliseCrc(e.header?.crc),
            normaliseHash(e.header?.sha1),
            normaliseHash(e.header?.md5),
            normaliseHash(e.header?.sha256),
            runId,
          );
        }
      });
      save();
    },
    markSeen(runId, path) {
      s.markSeen.run(runId, path);
    },
    filesOfRun: (runId) => (s.filesOfRun.all(runId) as FileRow[]).map(toFileRecord),
    transaction(work) {
      writable('record scanned files');
      return db.transaction(work)();
    },
  };
  return guarded(file, store);
}

/** Driver errors (a closed database, a lock held too long) become one-line StoreErrors naming the file. */
function guarded(file: string, store: ScanStore): ScanStore {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(store) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[name] = (...args: unknown[]) => {
      try {
        return method(...args);
      } catch (error) {
        if (error instanceof StoreError) throw error;
        throw new StoreError(`${file}: scan ${name} failed: ${errorLine(error)}`, { cause: error });
      }
    };
  }
  return wrapped as unknown as ScanStore;
}
