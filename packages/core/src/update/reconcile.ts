import fs from 'node:fs/promises';
import path from 'node:path';
import type { Importer, Ledger } from '../ports.js';
import { listFilesRecursive } from './changed-files.js';
import { manifestEntry, readManifest } from './manifest.js';

/**
 * The DATs of a source being imported from staging before its folder is swapped in. Written before
 * the first catalogue write and removed once the folder and the catalogue agree again, so a process
 * killed in between leaves the names of the rows that may hold what the held files do not.
 */
export function pendingFile(datsDir: string, id: string): string {
  return path.join(datsDir, `.pending-${id}.json`);
}

export async function writePending(datsDir: string, id: string, files: string[]): Promise<void> {
  await fs.writeFile(pendingFile(datsDir, id), JSON.stringify({ source: id, files }));
}

async function readPending(datsDir: string, id: string): Promise<string[] | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(pendingFile(datsDir, id), 'utf8')) as { files?: unknown };
    return Array.isArray(parsed.files) ? parsed.files.filter((f): f is string => typeof f === 'string') : [];
  } catch (error) {
    // Unreadable (killed while writing it): every file of the source is suspect.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : [];
  }
}

export async function removePending(datsDir: string, id: string): Promise<void> {
  await fs.rm(pendingFile(datsDir, id), { force: true });
}

export interface ReconcileInput {
  id: string;
  datsDir: string;
  ledger: Ledger;
  importer: Importer;
  /** `--import` or `auto_import`: the catalogue should hold this source even if it holds none of it yet. */
  importWanted: boolean;
  /** Which of the folder's files are imported (the source's importFilter). */
  wanted: (file: string) => boolean;
  /** The DAT's identity across versions, where the source defines one (Source.datIdentity), by relative path. */
  identity?: (file: string) => string | undefined;
  /** Runs the catalogue writes in the run's single import slot. */
  importSlot: <T>(task: () => Promise<T>) => Promise<T>;
  signal: AbortSignal;
  warn: (message: string) => void;
}

export interface ReconcileOutcome {
  /** The catalogue should follow this folder (its DATs are imported on every update). */
  catalogued: boolean;
}

/**
 * Makes the catalogue agree with the DAT folder held, which is the truth (run under the lock,
 * before the source is checked): the ledger row is restored from the folder's manifest; DATs with
 * no row, with a row of another size, or named by a pending-import journal are imported again from
 * the files held; rows whose file is gone are removed. Cheap when nothing is wrong: a listing, a
 * stat per file and one catalogue query; files are read only to repair them.
 */
export async function reconcileSource(input: ReconcileInput): Promise<ReconcileOutcome> {
  const { id, datsDir, ledger, importer } = input;
  const targetDir = path.join(datsDir, id);
  const manifest = await readManifest(targetDir);
  const held = await ledger.get(id);
  if (manifest !== undefined && (held === undefined || held.version !== manifest.version)) {
    await ledger.set({ ...manifestEntry(manifest), lastChecked: null });
    input.warn(`the catalogue's ledger said ${held?.version ?? 'nothing'} for ${id}; restored ${manifest.version} from dats/${id}`);
  }
  const pending = await readPending(datsDir, id);
  const rows = (await importer.catalogued?.(id)) ?? [];
  const catalogued = manifest?.catalogued === true || rows.length > 0 || input.importWanted;
  // An importer that cannot list what it holds can only be told about a pending import.
  const comparable = catalogued && importer.catalogued !== undefined;
  if (!comparable && pending === undefined) return { catalogued };

  const files = (await listFilesRecursive(targetDir)).filter(input.wanted);
  const sizes = new Map(rows.map((row) => [row.file, row.size]));
  const suspect = new Set(pending ?? []);
  const repair: string[] = [];
  for (const file of files) {
    const absolute = path.join(targetDir, file);
    const rowSize = sizes.get(absolute);
    if (suspect.has(file) || (pending !== undefined && pending.length === 0)) repair.push(file);
    else if (!comparable) continue;
    else if (rowSize === undefined) repair.push(file);
    else if (rowSize !== (await fs.stat(absolute)).size) repair.push(file);
  }
  // Re-imports are change sets of the version the folder holds, so `rommer changes` shows the repair.
  const version = (await ledger.get(id))?.version;
  let imported = 0;
  let failed = 0;
  let removed = 0;
  await input.importSlot(async () => {
    if (repair.length > 0) {
      const batch = await importer.importFiles(
        repair.map((file) => {
          const identity = input.identity?.(file);
          return {
            path: path.join(targetDir, file),
            source: id,
            ...(version !== undefined && version !== '' ? { sourceVersion: version } : {}),
            ...(identity !== undefined ? { identity: `${id}/${identity}` } : {}),
          };
        }),
        { signal: input.signal },
      );
      imported = batch.files.filter((f) => f.status === 'imported').length;
      failed = batch.files.filter((f) => f.status === 'failed').length;
    }
    removed = (await importer.removeMissing?.(targetDir, id))?.dats ?? 0;
  });
  await removePending(datsDir, id);
  if (imported > 0 || removed > 0 || failed > 0) {
    const parts = [
      imported > 0 ? `${imported} DAT${imported === 1 ? '' : 's'} re-imported` : '',
      removed > 0 ? `${removed} vanished DAT${removed === 1 ? '' : 's'} removed` : '',
      failed > 0 ? `${failed} could not be imported` : '',
    ].filter((p) => p !== '');
    input.warn(`the catalogue disagreed with dats/${id}; repaired from the files held: ${parts.join(', ')}`);
  }
  return { catalogued };
}
