// What scan, report and fixdat share: the catalogue they read, and the DATs --dat/--source name.
import fs from 'node:fs';
import { UsageError, type RommerPaths } from '@rommer/core';
import type { DatRecord, ScanStore, Store } from '@rommer/store';
import { catalogueExists, catalogueTarget, openCatalogueStore, openLedgerStore } from './catalog.js';
import type { CommandContext } from './context.js';
import { createRegistry } from './registry.js';

/** The catalogue a scan identifies files against, and where it keeps its hashes. */
export interface ScanCatalogue {
  store: Store;
  /** The hash cache and runs: the catalogue's own on SQLite, the data folder's file beside a PostgreSQL one. */
  cache: ScanStore;
  paths: RommerPaths;
  close(): Promise<void>;
}

/**
 * Opens the existing catalogue that sources.conf or ROMMER_DATABASE_URL names, as every command
 * does; without one there is nothing to match against (a UsageError). `readOnly` for report and
 * fixdat, which keep nothing.
 */
export async function openCatalogue(ctx: CommandContext, options: { readOnly?: boolean } = {}): Promise<ScanCatalogue> {
  const readOnly = options.readOnly === true;
  const target = catalogueTarget(ctx.paths, ctx.config, ctx.env);
  if (!catalogueExists(target)) {
    throw new UsageError(`no catalogue at ${target.file} yet: import DATs first (rommer update --import, or rommer import PATH)`);
  }
  // The hash cache names this machine's paths: beside a shared catalogue it stays in the data folder.
  if (target.url !== null && readOnly && !fs.existsSync(target.file)) {
    throw new UsageError(`no scan on this machine yet (its hashes are kept in ${target.file}): run rommer scan PATH first`);
  }
  const store = await openCatalogueStore(target, { readOnly });
  let cacheStore: Store | undefined;
  try {
    if (target.url !== null) cacheStore = await openLedgerStore(target, { readOnly });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    cache: (cacheStore ?? store).scan,
    paths: ctx.paths,
    close: async () => {
      await store.close();
      await cacheStore?.close();
    },
  };
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
  const dats = await store.lookup.dats();
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
