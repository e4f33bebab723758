// What `rommer scan` keeps and asks: the hash cache, its runs, and ROM look-ups by content.
// Raw better-sqlite3 prepared statements on the writer connection: a scan looks up and records
// one row per file, and 100k of them must take well under a second (tools/bench/scan-lookup.mjs),
// which the ORM's per-query overhead would not allow. Plain SQL only (no upserts, no SQLite-only
// functions), so another backend can run the same statements.
import type Database from 'better-sqlite3';
import { toDatRecord, type DatRow } from './dat-record.js';
import { StoreError } from './errors.js';
import { errorLine } from './error-text.js';
import { normaliseCrc, normaliseHash } from './normalise.js';
import type { DatRecord } from './types.js';
import type { ContentHashes, DatRomRow, RomHit, ScanFileInput, ScanFileRecord, ScanRunRecord, ScanRunTotals } from './scan-types.js';
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
  /**
   * ROMs with this content: the SHA-1 where the ROM has one and the content's is known; otherwise
   * CRC-32 and size (a ROM without a size matches on CRC-32 alone); ROMs with neither SHA-1 nor
   * CRC-32 by MD5, then by SHA-256.
   */
  findRomsByContent(content: ContentHashes): RomHit[];
  /** Sizes of the ROMs that only an MD5 or SHA-256 identifies (no SHA-1, no CRC-32). */
  weakHashSizes(): { md5: Set<number>; sha256: Set<number> };
  /** How many games of the DAT have at least one findable ROM (see FINDABLE). */
  findableGameCount(datId: number): number;
  /** How many findable ROMs the game has. */
  findableRomCount(gameId: number): number;
  /** Every ROM of one DAT with its game, in DAT order. */
  romsOfDat(datId: number): DatRomRow[];
  /**
   * Every DAT, as listDats() gives them, read on this connection: a scan needs them at once, and
   * this spares a short command the ORM's first-query start-up (about half a second).
   */
  dats(): DatRecord[];
  /** Runs `work` in one transaction (many saveFile calls become one commit). */
  transaction<T>(work: () => T): T;
}

interface RomRow {
  id: number;
  gameId: number;
  name: string;
  size: number | bigint | null;
  crc: string | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  status: string | null;
}

/** A ROM row as `.raw()` statements return it: the ROM_COLUMNS in order. */
type RawRom = [number, number, string, number | bigint | null, string | null, string | null, string | null, string | null, string | null];

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
/**
 * A ROM a scan can find: one the DAT gives a hash for and does not mark as never dumped. The
 * summary counts in SQL; @rommer/scan's isFindable applies the same rule to listed rows.
 */
const FINDABLE = `(r.status IS NULL OR r.status <> 'nodump') AND (r.crc IS NOT NULL OR r.sha1 IS NOT NULL OR r.md5 IS NOT NULL OR r.sha256 IS NOT NULL)`;
const ROM_COLUMNS = `r.id, r.game_id AS gameId, r.name, r.size, r.crc, r.md5, r.sha1, r.sha256, r.status`;

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
    // One statement per look-up (a scan makes one per file): SHA-1 where the ROM has one and the
    // content's is known; CRC-32 + size otherwise (any ROM when no SHA-1 is known: quick mode).
    byContent: db
      .prepare(
        `SELECT ${ROM_COLUMNS} FROM rom r WHERE r.sha1 = @sha1
         UNION ALL
         SELECT ${ROM_COLUMNS} FROM rom r WHERE r.crc = @crc AND (r.size = @size OR r.size IS NULL) AND (r.sha1 IS NULL OR @sha1 IS NULL)`,
      )
      .raw(true),
    byMd5: db.prepare(`SELECT ${ROM_COLUMNS} FROM rom r WHERE r.md5 = ? AND r.sha1 IS NULL AND r.crc IS NULL`).raw(true),
    bySha256: db.prepare(`SELECT ${ROM_COLUMNS} FROM rom r WHERE r.sha256 = ? AND r.sha1 IS NULL AND r.crc IS NULL AND r.md5 IS NULL`).raw(true),
    weakMd5: db.prepare(`SELECT DISTINCT size FROM rom WHERE sha1 IS NULL AND crc IS NULL AND md5 IS NOT NULL AND size IS NOT NULL`),
    weakSha256: db.prepare(
      `SELECT DISTINCT size FROM rom WHERE sha1 IS NULL AND crc IS NULL AND md5 IS NULL AND sha256 IS NOT NULL AND size IS NOT NULL`,
    ),
    game: db.prepare(`SELECT g.name, g.dat_id AS datId FROM game g WHERE g.id = ?`),
    findableGames: db
      .prepare(`SELECT COUNT(*) FROM game g WHERE g.dat_id = ? AND EXISTS (SELECT 1 FROM rom r WHERE r.game_id = g.id AND ${FINDABLE})`)
      .pluck(),
    findableRoms: db.prepare(`SELECT COUNT(*) FROM rom r WHERE r.game_id = ? AND ${FINDABLE}`).pluck(),
    dats: db.prepare(
      `SELECT id, source, path, format, name, description, category, version, date, author, homepage, url, comment, size, sha1,
              imported_at AS importedAt, game_count AS gameCount, rom_count AS romCount, disk_count AS diskCount
       FROM dat ORDER BY path`,
    ),
    romsOfDat: db.prepare(
      `SELECT ${ROM_COLUMNS}, g.name AS gameName, g.description AS gameDescription, g.clone_of AS cloneOf, g.rom_of AS romOf,
              g.is_bios AS isBios, g.is_device AS isDevice
       FROM game g JOIN rom r ON r.game_id = g.id WHERE g.dat_id = ? ORDER BY g.id, r.id`,
    ),
  };
  // Game names repeat across look-ups of one scan (a game's ROMs, clones): keep what was read.
  const games = new Map<number, { name: string; datId: number }>();

  const writable = (action: string): void => {
    if (gate.busy) throw new StoreError(`${file}: cannot ${action} while a DAT import is open`);
  };
  const hit = ([romId, gameId, name, size, crc, md5, sha1, sha256, status]: RawRom): RomHit => {
    let game = games.get(gameId);
    if (game === undefined) {
      game = s.game.get(gameId) as { name: string; datId: number };
      games.set(gameId, game);
    }
    return { romId, name, size: size === null ? null : Number(size), crc, md5, sha1, sha256, status, gameId, gameName: game.name, datId: game.datId };
  };

  const store: ScanStore = {
    beginRun(paths, full) {
      writable('start a scan');
      const row = s.beginRun.get(JSON.stringify(paths), full ? 1 : 0, Date.now()) as { id: number };
      games.clear();
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
    findRomsByContent(content) {
      const crc = normaliseCrc(content.crc);
      const sha1 = normaliseHash(content.sha1);
      const md5 = normaliseHash(content.md5);
      const sha256 = normaliseHash(content.sha256);
      const rows = s.byContent.all({ sha1, crc, size: content.size }) as RawRom[];
      if (md5 !== null) rows.push(...(s.byMd5.all(md5) as RawRom[]));
      if (sha256 !== null) rows.push(...(s.bySha256.all(sha256) as RawRom[]));
      if (rows.length === 0) return [];
      // A ROM with a SHA-1 but a size that disagrees is not the same dump.
      return rows.filter((row) => row[3] === null || Number(row[3]) === content.size).map(hit);
    },
    weakHashSizes() {
      const sizes = (statement: Database.Statement) => new Set((statement.all() as { size: number | bigint }[]).map((r) => Number(r.size)));
      return { md5: sizes(s.weakMd5), sha256: sizes(s.weakSha256) };
    },
    romsOfDat: (datId) =>
      (s.romsOfDat.all(datId) as (RomRow & { gameName: string; gameDescription: string | null; cloneOf: string | null; romOf: string | null; isBios: number; isDevice: number })[]).map(
        (row) => ({
          romId: row.id,
          name: row.name,
          size: row.size === null ? null : Number(row.size),
          crc: row.crc,
          md5: row.md5,
          sha1: row.sha1,
          sha256: row.sha256,
          status: row.status,
          gameId: row.gameId,
          gameName: row.gameName,
          datId,
          gameDescription: row.gameDescription,
          cloneOf: row.cloneOf,
          romOf: row.romOf,
          isBios: Boolean(row.isBios),
          isDevice: Boolean(row.isDevice),
        }),
      ),
    dats: () => (s.dats.all() as DatRow[]).map(toDatRecord),
    findableGameCount: (datId) => s.findableGames.get(datId) as number,
    findableRomCount: (gameId) => s.findableRoms.get(gameId) as number,
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
