// The catalogue's read side and single-statement writes, through the typed Prisma client.
import { StoreError } from '@rommer/core';
import { toDatRecord } from './dat-record.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { normaliseCrc, normaliseHash } from './normalise.js';
import type { DatRecord, RomMatch, RomQuery } from './types.js';
import type { WriteGate } from './write-gate.js';

export const DEFAULT_ROM_LIMIT = 100;

export async function findDat(prisma: PrismaClient, path: string): Promise<DatRecord | null> {
  const row = await prisma.dat.findUnique({ where: { path } });
  return row === null ? null : toDatRecord(row);
}

export async function listDats(prisma: PrismaClient, filter: { source?: string } = {}): Promise<DatRecord[]> {
  const rows = await prisma.dat.findMany({
    where: filter.source === undefined ? {} : { source: filter.source },
    orderBy: { path: 'asc' },
  });
  return rows.map(toDatRecord);
}

/** ROMs matching every given criterion (hashes in any case or padding), with their game and DAT. */
export async function findRoms(prisma: PrismaClient, file: string, query: RomQuery, limit = DEFAULT_ROM_LIMIT): Promise<RomMatch[]> {
  const where = {
    ...(query.crc === undefined ? {} : { crc: normaliseCrc(query.crc) }),
    ...(query.sha1 === undefined ? {} : { sha1: normaliseHash(query.sha1) }),
    ...(query.md5 === undefined ? {} : { md5: normaliseHash(query.md5) }),
    ...(query.name === undefined ? {} : { name: query.name }),
  };
  if (Object.keys(where).length === 0) throw new StoreError(`${file}: a ROM look-up needs a crc, sha1, md5 or name`);
  if (Object.values(where).some((value) => value === null)) return [];
  if (!Number.isSafeInteger(limit) || limit < 1) throw new StoreError(`${file}: ROM look-up limit ${String(limit)} is not a positive integer`);
  const rows = await prisma.rom.findMany({
    where,
    take: limit,
    orderBy: { id: 'asc' },
    select: {
      name: true,
      size: true,
      crc: true,
      md5: true,
      sha1: true,
      status: true,
      game: { select: { name: true, dat: { select: { path: true, name: true, source: true } } } },
    },
  });
  return rows.map((row) => ({
    rom: {
      name: row.name,
      size: row.size === null ? null : Number(row.size),
      crc: row.crc,
      md5: row.md5,
      sha1: row.sha1,
      status: row.status,
    },
    game: { name: row.game.name },
    dat: { path: row.game.dat.path, name: row.game.dat.name, source: row.game.dat.source },
  }));
}

/** Forgets one DAT with its games, ROMs and disks (ON DELETE CASCADE). */
export async function removeDat(prisma: PrismaClient, gate: WriteGate, path: string): Promise<boolean> {
  await gate.whenIdle();
  const { count } = await prisma.dat.deleteMany({ where: { path } });
  return count > 0;
}
