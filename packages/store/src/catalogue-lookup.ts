// What `rommer scan`, report and fixdat ask of the catalogue: ROMs by content, the DATs, a DAT's
// ROMs and the counts a summary needs. One set of plain SQL for both engines (positional `?`,
// quoted aliases, casts where PostgreSQL cannot infer a type); SQLite runs it as prepared
// better-sqlite3 statements (a scan makes one look-up per file: 100k must take well under a
// second, tools/bench/scan-lookup.mjs), PostgreSQL through the pool (pg-lookup.ts).
import type Database from 'better-sqlite3';
import { DAT_SELECT, toDatRecord, type DatRow } from './dat-record.js';
import { errorLine } from './error-text.js';
import { StoreError } from './errors.js';
import { normaliseCrc, normaliseHash } from './normalise.js';
import type { ContentHashes, DatRomRow, RomHit } from './scan-types.js';
import type { DatRecord } from './types.js';

export interface CatalogueLookup {
  /**
   * ROMs with this content: the SHA-1 where the ROM has one and the content's is known; otherwise
   * CRC-32 and size (a ROM without a size matches on CRC-32 alone); ROMs with neither SHA-1 nor
   * CRC-32 by MD5, then by SHA-256.
   */
  findRomsByContent(content: ContentHashes): Promise<RomHit[]>;
  /** Sizes of the ROMs that only an MD5 or SHA-256 identifies (no SHA-1, no CRC-32). */
  weakHashSizes(): Promise<{ md5: Set<number>; sha256: Set<number> }>;
  /** How many games of the DAT have at least one findable ROM (see FINDABLE). */
  findableGameCount(datId: number): Promise<number>;
  /** How many findable ROMs the game has. */
  findableRomCount(gameId: number): Promise<number>;
  /** Every ROM of one DAT with its game, in DAT order. */
  romsOfDat(datId: number): Promise<DatRomRow[]>;
  /** Every DAT, as listDats() gives them, by path (without the ORM's first-query start-up). */
  dats(): Promise<DatRecord[]>;
}

/**
 * A ROM a scan can find: one the DAT gives a hash for and does not mark as never dumped. The
 * summary counts in SQL; @rommer/scan's isFindable applies the same rule to listed rows.
 */
const FINDABLE = `(r.status IS NULL OR r.status <> 'nodump') AND (r.crc IS NOT NULL OR r.sha1 IS NOT NULL OR r.md5 IS NOT NULL OR r.sha256 IS NOT NULL)`;
/** A hit's columns, in RawHit's order: the ROM and its game in one row (the join is by primary key). */
const HIT_COLUMNS = `r.id, r.game_id, r.name, r.size, r.crc, r.md5, r.sha1, r.sha256, r.status, g.name, g.dat_id`;
const HIT_FROM = `FROM rom r JOIN game g ON g.id = r.game_id`;

export const LOOKUP_SQL = {
  // SHA-1 where the ROM has one and the content's is known; CRC-32 + size otherwise (any ROM when
  // no SHA-1 is known: quick mode). Parameters: sha1, crc, size, sha1.
  byContent: `SELECT ${HIT_COLUMNS} ${HIT_FROM} WHERE r.sha1 = ?
    UNION ALL
    SELECT ${HIT_COLUMNS} ${HIT_FROM} WHERE r.crc = ? AND (r.size = ? OR r.size IS NULL) AND (r.sha1 IS NULL OR CAST(? AS TEXT) IS NULL)`,
  byMd5: `SELECT ${HIT_COLUMNS} ${HIT_FROM} WHERE r.md5 = ? AND r.sha1 IS NULL AND r.crc IS NULL`,
  bySha256: `SELECT ${HIT_COLUMNS} ${HIT_FROM} WHERE r.sha256 = ? AND r.sha1 IS NULL AND r.crc IS NULL AND r.md5 IS NULL`,
  weakMd5: `SELECT DISTINCT size FROM rom WHERE sha1 IS NULL AND crc IS NULL AND md5 IS NOT NULL AND size IS NOT NULL`,
  weakSha256: `SELECT DISTINCT size FROM rom WHERE sha1 IS NULL AND crc IS NULL AND md5 IS NULL AND sha256 IS NOT NULL AND size IS NOT NULL`,
  findableGames: `SELECT COUNT(*) FROM game g WHERE g.dat_id = ? AND EXISTS (SELECT 1 FROM rom r WHERE r.game_id = g.id AND ${FINDABLE})`,
  findableRoms: `SELECT COUNT(*) FROM rom r WHERE r.game_id = ? AND ${FINDABLE}`,
  dats: `${DAT_SELECT} ORDER BY path`,
  // In RawDatRom's order.
  romsOfDat: `SELECT ${HIT_COLUMNS}, g.description, g.clone_of, g.rom_of, g.is_bios, g.is_device
    FROM game g JOIN rom r ON r.game_id = g.id WHERE g.dat_id = ? ORDER BY g.id, r.id`,
} as const;

/** A hit row as array-mode queries return it (integers as number, bigint or, from pg, text). */
type Int = number | bigint | string;
type RawHit = [Int, Int, string, Int | null, string | null, string | null, string | null, string | null, string | null, string, Int];
type RawDatRom = [...RawHit, string | null, string | null, string | null, boolean | number, boolean | number];

/** The parameters of byContent, and the hashes the MD5 and SHA-256 look-ups need. */
export function contentParameters(content: ContentHashes) {
  const sha1 = normaliseHash(content.sha1);
  return {
    byContent: [sha1, normaliseCrc(content.crc), content.size, sha1] as const,
    md5: normaliseHash(content.md5),
    sha256: normaliseHash(content.sha256),
  };
}

/** The hits of one content's look-ups; a ROM with a SHA-1 but a size that disagrees is not the same dump. */
export function toHits(rows: readonly RawHit[], size: number): RomHit[] {
  const hits: RomHit[] = [];
  for (const [romId, gameId, name, romSize, crc, md5, sha1, sha256, status, gameName, datId] of rows) {
    if (romSize !== null && Number(romSize) !== size) continue;
    hits.push({
      romId: Number(romId),
      name,
      size: romSize === null ? null : Number(romSize),
      crc,
      md5,
      sha1,
      sha256,
      status,
      gameId: Number(gameId),
      gameName,
      datId: Number(datId),
    });
  }
  return hits;
}

export function toDatRoms(rows: readonly RawDatRom[]): DatRomRow[] {
  return rows.map(([romId, gameId, name, size, crc, md5, sha1, sha256, status, gameName, datId, description, cloneOf, romOf, isBios, isDevice]) => ({
    romId: Number(romId),
    name,
    size: size === null ? null : Number(size),
    crc,
    md5,
    sha1,
    sha256,
    status,
    gameId: Number(gameId),
    gameName,
    datId: Number(datId),
    gameDescription: description,
    cloneOf,
    romOf,
    isBios: Boolean(isBios),
    isDevice: Boolean(isDevice),
  }));
}

export const toSizes = (rows: readonly { size: Int }[]): Set<number> => new Set(rows.map((row) => Number(row.size)));
export const toDats = (rows: readonly DatRow[]): DatRecord[] => rows.map(toDatRecord);

/** Driver errors (a closed database, a lock held too long) become one-line StoreErrors naming the catalogue. */
export function guardedLookup(label: string, lookup: CatalogueLookup, describe: (error: unknown) => string = errorLine): CatalogueLookup {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(lookup) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        if (error instanceof StoreError) throw error;
        throw new StoreError(`${label}: scan look-up ${name} failed: ${describe(error)}`, { cause: error });
      }
    };
  }
  return wrapped as unknown as CatalogueLookup;
}

/** The look-ups on SQLite: synchronous statements behind the async interface. */
export function createSqliteLookup(db: Database.Database, file: string): CatalogueLookup {
  const prepare = (sql: string) => db.prepare(sql);
  const s = {
    byContent: prepare(LOOKUP_SQL.byContent).raw(true),
    byMd5: prepare(LOOKUP_SQL.byMd5).raw(true),
    bySha256: prepare(LOOKUP_SQL.bySha256).raw(true),
    weakMd5: prepare(LOOKUP_SQL.weakMd5),
    weakSha256: prepare(LOOKUP_SQL.weakSha256),
    findableGames: prepare(LOOKUP_SQL.findableGames).pluck(),
    findableRoms: prepare(LOOKUP_SQL.findableRoms).pluck(),
    dats: prepare(LOOKUP_SQL.dats),
    romsOfDat: prepare(LOOKUP_SQL.romsOfDat).raw(true),
  };
  return guardedLookup(file, {
    findRomsByContent: async (content) => {
      const p = contentParameters(content);
      const rows = s.byContent.all(...p.byContent) as RawHit[];
      if (p.md5 !== null) rows.push(...(s.byMd5.all(p.md5) as RawHit[]));
      if (p.sha256 !== null) rows.push(...(s.bySha256.all(p.sha256) as RawHit[]));
      return rows.length === 0 ? [] : toHits(rows, content.size);
    },
    weakHashSizes: async () => ({
      md5: toSizes(s.weakMd5.all() as { size: Int }[]),
      sha256: toSizes(s.weakSha256.all() as { size: Int }[]),
    }),
    findableGameCount: async (datId) => Number(s.findableGames.get(datId)),
    findableRomCount: async (gameId) => Number(s.findableRoms.get(gameId)),
    romsOfDat: async (datId) => toDatRoms(s.romsOfDat.all(datId) as RawDatRom[]),
    dats: async () => toDats(s.dats.all() as DatRow[]),
  });
}
