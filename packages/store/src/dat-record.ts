import type { DatRecord } from './types.js';

/** A `dat` row as both connections read it (Prisma's field names; sizes and times as bigint). */
export interface DatRow {
  id: number;
  source: string | null;
  path: string;
  format: string;
  name: string | null;
  description: string | null;
  category: string | null;
  version: string | null;
  date: string | null;
  author: string | null;
  homepage: string | null;
  url: string | null;
  comment: string | null;
  size: bigint | number | string;
  sha1: string;
  importedAt: bigint | number | string;
  gameCount: number;
  romCount: number;
  diskCount: number;
}

/** The `dat` columns as DatRow names them, in plain SQL for both engines. */
export const DAT_SELECT = `SELECT id, source, path, format, name, description, category, version, date, author, homepage, url, comment, size, sha1,
    imported_at AS "importedAt", game_count AS "gameCount", rom_count AS "romCount", disk_count AS "diskCount"
  FROM dat`;

export function toDatRecord(row: DatRow): DatRecord {
  return {
    id: Number(row.id),
    source: row.source,
    path: row.path,
    name: row.name,
    description: row.description,
    version: row.version,
    format: row.format,
    games: Number(row.gameCount),
    roms: Number(row.romCount),
    disks: Number(row.diskCount),
    sha1: row.sha1,
    size: Number(row.size),
    importedAt: new Date(Number(row.importedAt)),
    category: row.category,
    date: row.date,
    author: row.author,
    homepage: row.homepage,
    url: row.url,
    comment: row.comment,
  };
}
