import fs from 'node:fs';
import { isPostgresUrlText, redactUrl, resolvePaths, UsageError } from '@rommer/core';
import { StoreError, type DatFormat, type DatHeader, type DatInput, type DatRecord, type Store } from '@rommer/store';
import { printLine } from './output.js';

export interface MigrateToFlags {
  json?: boolean | undefined;
  config?: string | undefined;
  dataDir?: string | undefined;
}

export interface CopiedDat {
  path: string;
  games: number;
  roms: number;
  disks: number;
}

/** Copies every DAT (header, games, ROMs, disks) of `from` into `to`, one transaction per DAT. */
export async function copyCatalogue(from: Store, to: Store, onDat: (dat: CopiedDat) => void = () => {}): Promise<CopiedDat[]> {
  const held = await to.listDats();
  if (held.length > 0) {
    throw new StoreError(`${to.location} already holds ${held.length} DATs: migrate-to fills an empty catalogue only (drop or pick another database)`);
  }
  const copied: CopiedDat[] = [];
  for (const dat of await from.listDats()) {
    const writer = to.beginDatImport(datInput(dat));
    try {
      for await (const game of from.readGames(dat.path)) writer.addGame(game);
      const stored = await writer.commit();
      if (stored.games !== dat.games || stored.roms !== dat.roms || stored.disks !== dat.disks) {
        throw new StoreError(`${to.location}: copy of ${dat.path} holds ${stored.games} games, ${stored.roms} ROMs; the source has ${dat.games}, ${dat.roms}`);
      }
      const row = { path: dat.path, games: stored.games, roms: stored.roms, disks: stored.disks };
      copied.push(row);
      onDat(row);
    } catch (error) {
      writer.abort();
      throw error;
    }
  }
  return copied;
}

/** Copies the change sets (with their games) of `from` into `to`; after the DATs, as they refer to them by identity. */
export async function copyHistory(from: Store, to: Store): Promise<number> {
  return to.copyChangeSets(await from.listChangeSets({ details: true }));
}

const HEADER_FIELDS = ['name', 'description', 'category', 'version', 'date', 'author', 'homepage', 'url', 'comment'] as const;

/** The DAT row as the writer takes it: the header fields the file had (absent ones stay absent). */
function datInput(dat: DatRecord): DatInput {
  const header: DatHeader = {};
  for (const field of HEADER_FIELDS) {
    const value = dat[field];
    if (value !== null) header[field] = value;
  }
  // The identity is derived again by the next tracked import (rows without one get it then).
  return { source: dat.source, path: dat.path, format: dat.format as DatFormat, header, size: dat.size, sha1: dat.sha1 };
}

/**
 * `rommer db migrate-to URL`: copies `<data>/rommer.db`'s catalogue into the (empty) PostgreSQL
 * database at URL, creating its tables. The SQLite file stays as it was and keeps this machine's
 * ledger; point ROMMER_DATABASE_URL or `[defaults] database_url` at URL to use the copy.
 */
export async function runMigrateToCommand(
  url: string,
  flags: MigrateToFlags,
  io: { print: (line: string) => void; env?: Record<string, string | undefined> } = { print: printLine },
): Promise<number> {
  if (!isPostgresUrlText(url)) throw new UsageError(`db migrate-to: ${JSON.stringify(redactUrl(url))} is not a postgresql:// URL`);
  const paths = resolvePaths({ config: flags.config, dataDir: flags.dataDir }, io.env ?? process.env);
  if (!fs.existsSync(paths.databaseFile)) throw new UsageError(`db migrate-to: there is no SQLite catalogue at ${paths.databaseFile}`);
  const { openStore } = await import('@rommer/store');
  const from = await openStore(paths.databaseFile);
  let to: Store | undefined;
  try {
    to = await openStore(url);
    const target = to;
    const copied = await copyCatalogue(from, target, (dat) => {
      if (flags.json !== true) io.print(`copied     ${dat.path}  (${dat.games} games, ${dat.roms} roms${dat.disks > 0 ? `, ${dat.disks} disks` : ''})`);
    });
    const changeSets = await copyHistory(from, target);
    const totals = copied.reduce((sum, dat) => ({ games: sum.games + dat.games, roms: sum.roms + dat.roms }), { games: 0, roms: 0 });
    if (flags.json === true) {
      io.print(JSON.stringify({ from: paths.databaseFile, to: target.location, dats: copied, changeSets, ...totals }, null, 2));
    } else {
      io.print(`Copied ${copied.length} DATs (${totals.games} games, ${totals.roms} roms) and ${changeSets} change sets from ${paths.databaseFile} to ${target.location}.`);
      io.print(
        `Use it with ROMMER_DATABASE_URL or [defaults] database_url in sources.conf; ${paths.databaseFile} is unchanged and keeps this machine's ledger and scan cache.`,
      );
    }
    return 0;
  } finally {
    await from.close();
    await to?.close();
  }
}
