import { access } from 'node:fs/promises';
import path from 'node:path';
import { CancelledError, type ImportBatchResult, type Importer } from '@rommer/core';
import type { Store } from '@rommer/store';
import { keyToPath } from './dat-key.js';
import { importPaths } from './import-paths.js';
import { parseDat } from './parse-dat.js';
import { sniff } from './sniff.js';

export interface ImporterOptions {
  store: Store;
  /** `<data>/dats`: DATs inside it are keyed by their relative path, others by their absolute path. */
  datsDir: string;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** A key names a file that exists, or an entry of an archive that exists (`<archive>/<entry>`). */
async function keyExists(key: string, datsDir: string): Promise<boolean> {
  let file = keyToPath(key, datsDir);
  for (;;) {
    if (await exists(file)) return true;
    const parent = path.dirname(file);
    if (parent === file || !/\.(zip|7z)(\/|$)/i.test(key)) return false;
    file = parent;
  }
}

/** core's Importer port, backed by a store: what the update orchestrator calls. */
export function createImporter(options: ImporterOptions): Importer {
  const { store, datsDir } = options;
  return {
    sniff,
    async verify(file, { signal } = {}) {
      // Read to the end: a DAT cut short after its header must not replace the one held.
      await parseDat(file, signal ? { signal } : {});
    },
    async importFiles(files, { signal, onProgress, stagedAs } = {}): Promise<ImportBatchResult> {
      const result: ImportBatchResult = { files: [] };
      // Files of different sources (or versions) can come in one batch: import each group together.
      const groups = new Map<string, { source: string | null; sourceVersion?: string; paths: string[]; identities: Map<string, string> }>();
      for (const request of files) {
        const id = JSON.stringify([request.source, request.sourceVersion ?? null]);
        let group = groups.get(id);
        if (group === undefined) {
          group = { source: request.source, paths: [], identities: new Map() };
          if (request.sourceVersion !== undefined) group.sourceVersion = request.sourceVersion;
          groups.set(id, group);
        }
        group.paths.push(request.path);
        if (request.identity !== undefined) group.identities.set(request.path, request.identity);
      }
      for (const { source, sourceVersion, paths, identities } of groups.values()) {
        const batch = await importPaths(paths, {
          store,
          datsDir,
          source,
          identities,
          ...(sourceVersion !== undefined ? { sourceVersion } : {}),
          ...(signal ? { signal } : {}),
          ...(onProgress ? { onProgress } : {}),
          ...(stagedAs ? { stagedAs } : {}),
        });
        result.files.push(...batch.files);
        if (batch.cancelled === true) throw new CancelledError('import cancelled');
      }
      return result;
    },
    async catalogued(source) {
      return (await store.listDats({ source })).map((dat) => ({ file: keyToPath(dat.path, datsDir), size: dat.size }));
    },
    async removeMissing(folder, source) {
      const root = path.resolve(folder);
      const removed = { dats: 0, games: 0 };
      for (const dat of await store.listDats({ source })) {
        const file = keyToPath(dat.path, datsDir);
        const inside = path.relative(root, file);
        if (inside.startsWith('..') || path.isAbsolute(inside)) continue;
        if (await keyExists(dat.path, datsDir)) continue;
        // The store records the removal as the DAT's last change set.
        if (await store.removeDat(dat.path)) {
          removed.dats += 1;
          removed.games += dat.games;
        }
      }
      return removed;
    },
  };
}

