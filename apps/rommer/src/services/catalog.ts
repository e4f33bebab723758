import fs from 'node:fs';
import { chooseCatalogue, type Importer, type Ledger, type ResolvedDefaults, type RommerPaths } from '@rommer/core';
import type { OpenStoreOptions, Store } from '@rommer/store';

export interface Catalog {
  ledger: Ledger;
  importer: Importer;
  close(): Promise<void>;
}

/**
 * Where this run's catalogue lives. `file` is always the data folder's SQLite file: it is the
 * catalogue when `url` is null, and it keeps this machine's ledger either way (see ARCHITECTURE.md,
 * "One catalogue, several machines").
 */
export interface CatalogueTarget {
  url: string | null;
  file: string;
}

export function catalogueTarget(
  paths: RommerPaths,
  config: { defaults: Pick<ResolvedDefaults, 'database_url'> },
  env: Record<string, string | undefined>,
): CatalogueTarget {
  return { url: chooseCatalogue(config.defaults, env).databaseUrl, file: paths.databaseFile };
}

/** True when there is a catalogue to read without creating one (a PostgreSQL database always is). */
export function catalogueExists(target: CatalogueTarget): boolean {
  return target.url !== null || fs.existsSync(target.file);
}

/**
 * Opens (and migrates) the catalogue of DATs, games and ROMs. `readOnly` is for commands that only
 * read: they also work where the data folder is read-only.
 */
export async function openCatalogueStore(target: CatalogueTarget, options: OpenStoreOptions = {}): Promise<Store> {
  const { openStore } = await import('@rommer/store');
  return openStore(target.url ?? target.file, options);
}

/** Opens the store that holds this machine's ledger: the data folder's file (the catalogue too, on SQLite). */
export async function openLedgerStore(target: CatalogueTarget, options: Pick<OpenStoreOptions, 'readOnly'> = {}): Promise<Store> {
  const { openStore } = await import('@rommer/store');
  return openStore(target.file, options);
}

/** A ledger that holds nothing and keeps nothing: a dry run before the first update. */
const emptyLedger: Ledger = {
  get: () => Promise.resolve(undefined),
  list: () => Promise.resolve([]),
  set: () => Promise.resolve(),
  recordCheck: () => Promise.resolve(),
};

/**
 * Opens the catalogue and the importer bound to it, and this machine's ledger: the ports the update
 * orchestrator needs. With `readOnly` and no catalogue yet, nothing is created.
 */
export async function openCatalog(target: CatalogueTarget, datsDir: string, options: { readOnly?: boolean } = {}): Promise<Catalog> {
  const { sniff, createImporter } = await import('@rommer/import');
  const hasLedger = fs.existsSync(target.file);
  if (options.readOnly === true && !catalogueExists(target)) {
    return {
      ledger: emptyLedger,
      importer: {
        sniff,
        importFiles: () => Promise.reject(new Error('a dry run imports nothing')),
      },
      close: () => Promise.resolve(),
    };
  }
  const readOnly = options.readOnly === true;
  const store = await openCatalogueStore(target, { readOnly });
  let ledgerStore: Store | undefined;
  try {
    if (target.url !== null && (!readOnly || hasLedger)) ledgerStore = await openLedgerStore(target, { readOnly });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    ledger: target.url === null ? store.ledger : (ledgerStore?.ledger ?? emptyLedger),
    // Its verify reads a DAT to the end before the commit: one cut short must not replace the one held.
    importer: createImporter({ store, datsDir }),
    close: async () => {
      await store.close();
      await ledgerStore?.close();
    },
  };
}
