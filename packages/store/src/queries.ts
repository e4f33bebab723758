// The catalogue's read side: the DATs in plain SQL (an update's reconcile lists them, before any
// need of the ORM), the ROM look-up through the typed Prisma client.
import { StoreError } from './errors.js';
import { DAT_SELECT, toDatRecord, type DatRow } from './dat-record.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { normaliseCrc, normaliseHash } from './normalise.js';
import type { SqlRunner } from './sql-runner.js';
import type { DatRecord, RomMatch, RomQuery } from './types.js';

export const DEFAULT_ROM_LIMIT = 100;

export async function findDat(sql: SqlRunner, path: string): Promise<DatRecord | null> {
  const [row] = await sql.all<DatRow>(`${DAT_SELECT} WHERE path = ?`, [path]);
  return row === undefined ? null : toDatRecord(row);
}

export async function listDats(sql: SqlRunner, filter: { source?: string } = {}): Promise<DatRecord[]> {
  const rows =
    filter.source === undefined
      ? await sql.all<DatRow>(`${DAT_SELECT} ORDER BY path`)
      : await sql.all<DatRow>(`${DAT_SELECT} WHERE source = ? ORDER BY path`, [filter.source]);
  return rows.map(toDatRecord);
}

interface RomMatchRow {
  name: string;
  size: bigint | number | null;
  crc: string | null;
  md5: string | null;
  sha1: string | null;
  status: string | null;
  gameName: string;
  datPath: string;
  datName: string | null;
  datSource: string | null;
}

/**
 * ROMs matching every given criterion (hashes in any case or padding), with their game and DAT.
 * One joined SELECT rather than findMany with nested selects: Prisma would read ROMs, games and
 * DATs in three statements, and an import committing between them could pull a game away.
 */
export async function findRoms(prisma: PrismaClient, file: string, query: RomQuery, limit = DEFAULT_ROM_LIMIT): Promise<RomMatch[]> {
  const criteria: [string, string | null][] = [];
  if (query.crc !== undefined) criteria.push(['crc', normaliseCrc(query.crc)]);
  if (query.sha1 !== undefined) criteria.push(['sha1', normaliseHash(query.sha1)]);
  if (query.md5 !== undefined) criteria.push(['md5', normaliseHash(query.md5)]);
  if (query.name !== undefined) criteria.push(['name', query.name]);
  if (criteria.length === 0) throw new StoreError(`${file}: a ROM look-up needs a crc, sha1, md5 or name`);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new StoreError(`${file}: ROM look-up limit ${String(limit)} is not a positive integer`);
  if (criteria.some(([, value]) => value === null)) return [];
  // Column names come from the fixed list above; only the values are parameters.
  const { Prisma } = await import('./generated/prisma/client.js');
  const where = Prisma.join(criteria.map(([column, value]) => Prisma.sql`r.${Prisma.raw(column)} = ${value}`), ' AND ');
  const rows = await prisma.$queryRaw<RomMatchRow[]>`
    SELECT r.name, r.size, r.crc, r.md5, r.sha1, r.status,
           g.name AS "gameName", d.path AS "datPath", d.name AS "datName", d.source AS "datSource"
    FROM rom r JOIN game g ON g.id = r.game_id JOIN dat d ON d.id = g.dat_id
    WHERE ${where}
    ORDER BY r.id
    LIMIT ${limit}`;
  return rows.map((row) => ({
    rom: {
      name: row.name,
      size: row.size === null ? null : Number(row.size),
      crc: row.crc,
      md5: row.md5,
      sha1: row.sha1,
      status: row.status,
    },
    game: { name: row.gameName },
    dat: { path: row.datPath, name: row.datName, source: row.datSource },
  }));
}
