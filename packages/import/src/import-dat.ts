import { stat } from 'node:fs/promises';
import { CancelledError, RommerError, describeError } from '@rommer/core/errors';
import { DatFormatError } from './errors.js';
import type { ImportFileOutcome } from '@rommer/core';
import type { DatImportWriter, Store } from '@rommer/store';
import { changeTracker } from './changes/change-tracker.js';
import { datError } from './dat-error.js';
import { hashFile } from '@rommer/core/files';
import { parseDatOffThread } from './parse-in-worker.js';
import type { DatFormat } from './types.js';

/** One file's outcome, with what the catalogue calls it. */
export interface ImportedDat extends ImportFileOutcome {
  /** The DAT's key in the catalogue. */
  key: string;
  format?: DatFormat;
  sha1?: string;
}

export interface ImportDatOptions {
  store: Store;
  /** The key the DAT is stored under (see datKey). */
  key: string;
  source: string | null;
  /** The source's version the file comes from. */
  sourceVersion?: string;
  /** Overrides the identity derived from the key (see datIdentity). */
  identity?: string;
  signal?: AbortSignal;
  /** Bytes of this file parsed so far. */
  onBytes?: (bytes: number) => void;
  /** What errors and warnings call the file (an archive entry's `<archive>/<entry>`, not its temp path). */
  shownAs?: string;
}

/**
 * Imports one DAT file: unchanged content (same key, same SHA-1) is a no-op; otherwise its rows
 * are replaced in one transaction that commits only after the whole file parsed. Any failure
 * leaves the catalogue as it was and comes back as a `failed` outcome; only cancellation throws.
 */
export async function importDat(file: string, options: ImportDatOptions): Promise<ImportedDat> {
  const { store, key, source, signal } = options;
  const shown = (text: string): string => (options.shownAs === undefined ? text : text.split(file).join(options.shownAs));
  const failed = (error: unknown): ImportedDat => ({
    path: file,
    key,
    status: 'failed',
    games: 0,
    roms: 0,
    disks: 0,
    error: shown(describeError(error)),
    ...(error instanceof RommerError && error.code === 'store' ? { catalogueFailed: true } : {}),
    ...(error instanceof RommerError && error.code === 'store' && (error as { unavailable?: boolean }).unavailable === true
      ? { catalogueUnavailable: true }
      : {}),
  });
  let writer: DatImportWriter | undefined;
  try {
    const size = (await stat(file)).size;
    const held = await store.findDat(key);
    // The SHA-1 decides "unchanged" and is part of the DAT row the writer starts with, so nothing
    // is written before it is known; a big file's parse starts on its worker meanwhile.
    let sha1 = '';
    const unchanged = new Error('unchanged');
    const hashed = hashFile(file, { signal }).then((hex) => {
      sha1 = hex;
      if (held !== null && held.sha1 === hex && held.size === size && held.source === source) throw unchanged;
    });
    let result;
    try {
      result = await parseDatOffThread(file, size, {
        startWhen: hashed,
        ...(signal ? { signal } : {}),
        ...(options.onBytes ? { onBytes: options.onBytes } : {}),
        onHeader(header, format) {
          writer = store.beginDatImport(
            {
              source,
              path: key,
              format,
              header,
              size,
              sha1,
              ...(options.sourceVersion !== undefined ? { sourceVersion: options.sourceVersion } : {}),
              ...(options.identity !== undefined ? { identity: options.identity } : {}),
            },
            // Another machine sharing the catalogue may have imported this very file since findDat:
            // the store re-checks under the DAT's lock and then writes nothing.
            { changes: changeTracker, skipIfCurrent: true },
          );
        },
        onGame(game) {
          writer!.addGame(game);
        },
      });
    } catch (error) {
      if (error !== unchanged || held === null) throw error;
      return { path: file, key, status: 'unchanged', games: held.games, roms: held.roms, disks: held.disks, format: held.format as DatFormat, sha1 };
    }
    if (result.sha1 !== sha1 || result.bytes !== size) {
      throw datError(file, undefined, 'the file changed while it was being imported');
    }
    const record = await writer!.commit();
    if (record.unchanged === true) {
      return { path: file, key, status: 'unchanged', games: record.games, roms: record.roms, disks: record.disks, format: record.format as DatFormat, sha1 };
    }
    return {
      path: file,
      key,
      status: 'imported',
      games: record.games,
      roms: record.roms,
      disks: record.disks,
      ...(record.changes !== undefined ? { changes: record.changes } : {}),
      format: result.format,
      sha1,
      ...(result.warnings.length > 0 ? { warnings: result.warnings.map(shown) } : {}),
    };
  } catch (error) {
    writer?.abort();
    if (error instanceof CancelledError) throw error;
    if (signal?.aborted) throw new CancelledError(`import of ${file} cancelled`, { cause: error });
    if (error instanceof Error && (error as NodeJS.ErrnoException).syscall !== undefined && !(error instanceof DatFormatError)) {
      return failed(datError(file, undefined, `cannot read: ${error.message}`));
    }
    return failed(error);
  }
}
