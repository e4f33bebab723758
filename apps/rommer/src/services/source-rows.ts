import { existsSync } from 'node:fs';
import type { LedgerEntry } from '@rommer/core';
import { catalogueTarget, openLedgerStore } from './catalog.js';
import type { CommandContext } from './context.js';
import { listSources } from './list-sources.js';

/** One source as the dashboard lists it: plain data, built from the registry, config and ledger. */
export interface SourceRow {
  id: string;
  title: string;
  /** Enabled in sources.conf (or by default): the dashboard's initial selection. */
  enabled: boolean;
  transport: string;
  /** What is downloaded, in a few words. */
  downloads: string;
  needsCredentials: boolean;
  /** The version the ledger holds, or null when the source was never updated. */
  heldVersion: string | null;
  /** Unix seconds of the last successful update. */
  lastUpdated: number | null;
  /** The last check's error, if it failed. */
  lastError: string | null;
}

export function buildSourceRows(ctx: CommandContext, ledger: readonly LedgerEntry[]): SourceRow[] {
  const held = new Map(ledger.map((entry) => [entry.source, entry]));
  return listSources(ctx).map((listing) => {
    const entry = held.get(listing.id);
    return {
      id: listing.id,
      title: listing.title,
      enabled: listing.enabled,
      transport: listing.transport,
      downloads: listing.downloads,
      needsCredentials: listing.needsCredentials,
      heldVersion: entry?.version ?? null,
      lastUpdated: entry?.lastUpdated ?? null,
      lastError: entry?.lastError ?? null,
    };
  });
}

/**
 * Reads the ledger and builds the rows. A data folder without a catalogue yet means nothing is
 * held: the file is not created just to look.
 */
export async function loadSourceRows(ctx: CommandContext): Promise<SourceRow[]> {
  // The ledger is this machine's, in the data folder, whichever engine holds the catalogue.
  const target = catalogueTarget(ctx.paths, ctx.config, ctx.env);
  if (!existsSync(target.file)) return buildSourceRows(ctx, []);
  const store = await openLedgerStore(target, { readOnly: true });
  try {
    return buildSourceRows(ctx, await store.ledger.list());
  } finally {
    await store.close();
  }
}
