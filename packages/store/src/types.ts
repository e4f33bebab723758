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
  /**
   * What links this DAT's versions, default: what the change tracker derives from the path (else
   * the path). A row of the same source with the same identity at another path is replaced.
   */
  identity?: string;
  /** The source's version (ledger) this file comes from; null or absent for a hand import. */
  sourceVersion?: string | null;
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

/** A ROM as the catalogue holds it (hashes normalised), for change sets. */
export interface StoredRom {
  name: string;
  size: number | null;
  crc: string | null;
  md5: string | null;
  sha1: string | null;
}

/** One game of either version of a DAT, as the change tracker reads them. */
export interface VersionedGame {
  name: string;
  /** true: the version being replaced; false: the one being imported. */
  old: boolean;
  /** The game's content digest (ChangeTracker.contentOf). */
  content: string;
}

/** What the writer lets a change tracker read while both versions are in the open transaction. */
export interface ChangeView {
  /** Every game of both versions, ordered by name (each name's old entries first). Streamed: consume before calling roms(). */
  games(): Iterable<VersionedGame>;
  /** The ROMs of the entries named `game` in the old or the new version. */
  roms(game: string, old: boolean): StoredRom[];
}

export interface RomChanges {
  added: StoredRom[];
  removed: StoredRom[];
  /** A ROM of the same name whose size or hashes differ. */
  rehashed: { name: string; from: StoredRom; to: StoredRom }[];
}

/** The game-level difference between two versions of a DAT. */
export interface ChangeDetails {
  added: string[];
  removed: string[];
  renamed: { from: string; to: string }[];
  changed: { game: string; roms: RomChanges }[];
}

export interface ChangeCounts {
  added: number;
  removed: number;
  renamed: number;
  changed: number;
}

/**
 * The rules of a change set, which the store applies without knowing them (@rommer/import
 * provides them): a DAT's identity, a game's content and the diff of two versions.
 */
export interface ChangeTracker {
  /** The identity of the DAT stored under this key path (stamps removed). */
  identityOf(path: string): string;
  /** A digest of a game's ROM multiset; "" when it has no ROMs. */
  contentOf(roms: readonly StoredRom[]): string;
  /** The difference between the held version and the one being imported. */
  diff(view: ChangeView): ChangeDetails;
}

export interface ImportOptions {
  /** Record a change set against the version held (none when nothing changed). */
  changes?: ChangeTracker;
  /**
   * When the DAT stored under this path already has this SHA-1, size and source (another machine
   * sharing the catalogue imported it), commit() changes nothing and returns it with `unchanged`.
   * Decided under the DAT's lock, so two machines importing at once never both write it.
   */
  skipIfCurrent?: boolean;
}

/** A change set as stored, newest first in listings. */
export interface ChangeSetRecord {
  id: number;
  source: string | null;
  identity: string;
  path: string;
  /** The DAT's header name (else null). */
  dat: string | null;
  kind: 'imported' | 'updated' | 'removed';
  fromVersion: string | null;
  toVersion: string | null;
  fromSha1: string | null;
  toSha1: string | null;
  fromSourceVersion: string | null;
  toSourceVersion: string | null;
  at: Date;
  counts: ChangeCounts;
  /** Present when asked for (listChangeSets({ details: true })). */
  details?: ChangeDetails;
}

export interface ChangeSetQuery {
  source?: string;
  /** Matches the DAT's name, path or identity (case-insensitive substring). */
  dat?: string;
  /** Only change sets recorded at or after this time. */
  since?: Date;
  /** At most this many, newest first (default: all). */
  limit?: number;
  details?: boolean;
}

/** What commit() returns: the DAT as stored, and the counts of the change set recorded (absent: none). */
export interface CommittedDat extends DatRecord {
  changes?: ChangeCounts;
  /** True when skipIfCurrent found the same DAT already stored and nothing was written. */
  unchanged?: boolean;
}

/**
 * Writes one DAT's rows inside one transaction. addGame() is synchronous on both engines (SQLite
 * writes at once; PostgreSQL sends batches in the background, in order) so a parser can feed it.
 */
export interface DatImportWriter {
  /** Throws a StoreError at once for a game that cannot be stored, or for a batch that failed. */
  addGame(game: GameInput): void;
  /** Makes the new contents visible (with the change set, when tracked) and returns the DAT as stored. */
  commit(): Promise<CommittedDat>;
  /** Drops everything written since beginDatImport; the previous contents stay. Safe to call twice. */
  abort(): void;
}
