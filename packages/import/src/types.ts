import type { DatFormat, DatHeader } from '@rommer/core';

// DatFormat and DatHeader are core's (the Importer port uses them too).
export type { DatFormat, DatHeader };

export interface DatRom {
  name: string;
  size: number | null;
  crc: string | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  status: string | null;
  merge: string | null;
  serial: string | null;
}

export interface DatDisk {
  name: string;
  md5: string | null;
  sha1: string | null;
  status: string | null;
  merge: string | null;
}

/** One `game`/`machine` entry as written; values are the file's own (hashes are not normalised). */
export interface DatGame {
  /** Empty when the entry has no name (it still counts: counts are entries as written). */
  name: string;
  description: string | null;
  year: string | null;
  manufacturer: string | null;
  cloneOf: string | null;
  romOf: string | null;
  isBios: boolean;
  isDevice: boolean;
  roms: DatRom[];
  disks: DatDisk[];
}
