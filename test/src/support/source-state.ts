import path from 'node:path';
import { openStore } from '@rommer/store';
import { snapshotTree } from './rommer-cli.js';

/** What "unchanged" means for one source: its DAT files, its catalogue rows and its ledger version. */
export interface SourceState {
  files: Record<string, string>;
  catalogue: { path: string; sha1: string; games: number; roms: number }[];
  version: string | null;
}

export async function sourceState(dataDir: string, source: string): Promise<SourceState> {
  const files = await snapshotTree(path.join(dataDir, 'dats', source));
  const store = await openStore(path.join(dataDir, 'rommer.db'));
  try {
    const catalogue = (await store.listDats({ source }))
      .map((d) => ({ path: d.path, sha1: d.sha1, games: d.games, roms: d.roms }))
      .sort((a, b) => a.path.localeCompare(b.path));
    return { files, catalogue, version: (await store.ledger.get(source))?.version ?? null };
  } finally {
    await store.close();
  }
}
