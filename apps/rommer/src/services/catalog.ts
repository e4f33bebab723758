import fs from 'node:fs';
import type { Importer, Ledger, RommerPaths } from '@rommer/core';

export interface Catalog {
  ledger: Ledger;
  importer: Importer;
  close(): Promise<void>;
}

/** A ledger that holds nothing and keeps nothing: a dry run before the first update. */
const emptyLedger: Ledger = {
  get: () => Promise.resolve(undefined),
  list: () => Promise.resolve([]),
  set: () => Promise.resolve(),
  recordCheck: () => Promise.resolve(),
};

/**
 * Opens the catalogue (`<data>/rommer.db`) and the importer bound to it: the ports the update
 * orchestrator needs. With `readOnly` and no catalogue yet, nothing is created.
 */
export async function openCatalog(paths: RommerPaths, options: { readOnly?: boolean } = {}): Promise<Catalog> {
  const { sniff, createImporter } = await import('@rommer/import');
  if (options.readOnly === true && !fs.existsSync(paths.databaseFile)) {
    return {
      ledger: emptyLedger,
      importer: {
        sniff,
        importFiles: () => Promise.reject(new Error('a dry run imports nothing')),
      },
      close: () => Promise.resolve(),
    };
  }
  const { openStore } = await import('@rommer/store');
  const store = await openStore(paths.databaseFile);
  return {
    ledger: store.ledger,
    // Its verify reads a DAT to the end before the commit: one cut short must not replace the one held.
    importer: createImporter({ store, datsDir: paths.datsDir }),
    close: () => store.close(),
  };
}
