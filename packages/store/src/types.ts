// The store's public data shapes (agreed with @rommer/import; extend, never change).

import type { DatFormat, DatHeader } from '@rommer/core';

// DatFormat and DatHeader are core's (the Importer port uses them too).
export type { DatFormat, DatHeader };

export interface DatInput {
  /** Source id, null for a user import. */
  source: string | null;
  /** Key: path relative to <data>/dats/ (or absolute for files outside it); unique. */
  path: string;
  format: DatFormat;
  header: DatHeader;
  /** File bytes. */
  size: number;
  /** Content SHA-1 (hex). */
  sha1: string;
}

export interface RomInput {
  name: string;
  size?: number | null;
  crc?: string | null;
  md5?: string | null;
  sha1?: string | null;
  sha256?: string | null;
  status?: string | null;
  merge?: string | null;
  serial?: string | null;
}

export interface DiskInput {
  name: string;
  md5?: string | null;
  sha1?: string | null;
  status?: string | null;
  merge?: string | null;
}

export interface GameInput {
  name: string;
  description?: string | null;
  year?: string | null;
  manufacturer?: string | null;
  cloneOf?: string | null;
  romOf?: string | null;
  isBios?: boolean;
  isDevice?: boolean;
  roms: RomInput[];
  disks: DiskInput[];
}

export interface DatRecord {
  id: number;
  source: string | null;
  path: string;
  name: string | null;
  description: string | null;
  version: string | null;
  format: string;
  games: number;
  roms: number;
  disks: number;
  sha1: string;
  size: number;
  importedAt: Date;
  category: string | null;
  date: string | null;
  author: string | null;
  homepage: string | null;
  url: string | null;
  comment: string | null;
}

export interface RomMatch {
  rom: { name: string; size: number | null; crc: string | null; md5: string | null; sha1: string | null; status: string | null };
  game: { name: string };
  dat: { path: string; name: string | null; source: string | null };
}

export interface RomQuery {
  crc?: string;
  sha1?: string;
  md5?: string;
  name?: string;
}

/** Writes one DAT's rows. Synchronous: better-sqlite3 prepared statements inside one transaction. */
export interface DatImportWriter {
  addGame(game: GameInput): void;
  /** Makes the new contents visible and returns the DAT as stored. */
  commit(): DatRecord;
  /** Drops everything written since beginDatImport; the previous contents stay. Safe to call twice. */
  abort(): void;
}
