import fs from 'node:fs/promises';
import path from 'node:path';
import type { LedgerEntry } from '../ports.js';

/**
 * The ledger entry of a source, kept inside its DAT folder. It is written into the staging folder
 * before the commit, so the rename that swaps the folder in commits the version with the files:
 * the catalogue's ledger row is a copy that the next run repairs from it (a lost, emptied or
 * failed-to-write catalogue never loses which version the files are).
 */
export const MANIFEST_NAME = '.rommer-source.json';

export interface SourceManifest {
  source: string;
  version: string;
  lastUpdated: number;
  url: string | null;
  state: Record<string, unknown> | null;
  /** The catalogue should hold this folder's DATs (they were imported, or are imported on every update). */
  catalogued: boolean;
}

export async function writeManifest(dir: string, manifest: SourceManifest): Promise<void> {
  await fs.writeFile(path.join(dir, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The manifest of a source folder, or undefined (none, or not readable: an older rommer's folder). */
export async function readManifest(dir: string): Promise<SourceManifest | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(path.join(dir, MANIFEST_NAME), 'utf8')) as Partial<SourceManifest>;
    if (typeof parsed.source !== 'string' || typeof parsed.version !== 'string' || typeof parsed.lastUpdated !== 'number') return undefined;
    return {
      source: parsed.source,
      version: parsed.version,
      lastUpdated: parsed.lastUpdated,
      url: typeof parsed.url === 'string' ? parsed.url : null,
      state: parsed.state !== null && typeof parsed.state === 'object' ? parsed.state : null,
      catalogued: parsed.catalogued === true,
    };
  } catch {
    return undefined;
  }
}

export function manifestEntry(manifest: SourceManifest): Omit<LedgerEntry, 'lastChecked' | 'lastError'> {
  return { source: manifest.source, version: manifest.version, lastUpdated: manifest.lastUpdated, url: manifest.url, state: manifest.state };
}
