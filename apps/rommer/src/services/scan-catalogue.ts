// What scan, report and fixdat share: the catalogue they read, and the DATs --dat/--source name.
import fs from 'node:fs';
import { chooseCatalogue, redactUrl, resolvePaths, UsageError, type RommerPaths } from '@rommer/core';
import type { DatRecord, Store } from '@rommer/store';
import { createRegistry } from './registry.js';

/** Opens the existing catalogue; without one there is nothing to match against (a UsageError). */
export async function openCatalogue(dataDir: string | undefined, env: Record<string, string | undefined>): Promise<{ store: Store; paths: RommerPaths }> {
  const paths = resolvePaths({ dataDir }, env);
  const url = chooseCatalogue({}, env).databaseUrl;
  if (url !== null) {
    // The scan's look-ups and hash cache run on the SQLite catalogue only (see ARCHITECTURE.md).
    throw new UsageError(`the catalogue is on PostgreSQL (ROMMER_DATABASE_URL ${redactUrl(url)}): scan, report and fixdat read a SQLite catalogue only for now`);
  }
  if (!fs.existsSync(paths.databaseFile)) {
    throw new UsageError(`no catalogue at ${paths.databaseFile} yet: import DATs first (rommer update --import, or rommer import PATH)`);
  }
  const { openStore } = await import('@rommer/store');
  return { store: await openStore(paths.databaseFile), paths };
}

/** The DATs `--dat TEXT` and `--source ID` select; null when neither was given (every DAT). */
export async function selectDats(
  store: Store,
  paths: RommerPaths,
  flags: { dat?: string | undefined; source?: string | undefined },
): Promise<DatRecord[] | null> {
  const source = flags.source?.trim();
  const datText = flags.dat?.trim();
  if (source === undefined && datText === undefined) return null;
  if (source === '') throw new UsageError('--source needs a source id (rommer dats lists them)');
  if (datText === '') throw new UsageError('--dat needs a DAT name or path (rommer dats lists them)');
  // A typo in --source gets the list of ids instead of an empty answer.
  if (source !== undefined) createRegistry().get(source);
  const dats = store.scan.dats();
  const { resolveDat } = await import('@rommer/scan');
  let selected = source === undefined ? dats : dats.filter((d) => d.source === source);
  if (datText !== undefined) {
    const dat = resolveDat(dats, datText, paths.datsDir);
    if (source !== undefined && dat.source !== source) throw new UsageError(`--dat ${JSON.stringify(datText)} is not a DAT of source ${source}`);
    selected = [dat];
  }
  if (selected.length === 0) throw new UsageError(`source ${source} has no DATs in the catalogue yet (rommer update --source ${source} --import)`);
  return selected;
}
