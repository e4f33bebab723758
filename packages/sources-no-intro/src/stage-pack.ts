import fs from 'node:fs/promises';
import path from 'node:path';
import { ArchiveError, extractArchive } from '@rommer/archive';
import { CancelledError, describeError, type ProgressUpdate } from '@rommer/core';
import { hashFile, listFilesRecursive } from '@rommer/core/files';
import { packDateFromDats, packDateFromName, parseDatName, systemKey } from './pack-version.js';

export interface StagePackOptions {
  /** Where the DATs go (the update's staging folder). */
  stagingDir: string;
  /** The committed `<data>/dats/no-intro/` (may not exist): what the update replaces. */
  currentDir: string;
  signal?: AbortSignal;
  progress?: (update: ProgressUpdate) => void;
  warn?: (message: string) => void;
  /**
   * Days a held DAT missing from the new pack is kept (DAT-o-MATIC drops DATs while they are being
   * edited); 0 removes it at once. Default 7.
   */
  missingGraceDays?: number;
  /** Systems already missing from an earlier pack: `folder/system` → Unix seconds first seen missing. */
  missingSince?: Record<string, number>;
  /** Unix seconds now (tests set it). */
  now?: number;
}

export interface StagedPack {
  /** Staged DATs, relative, '/'-separated, folders kept (`No-Intro/Nintendo - Game Boy (…).dat`). */
  files: string[];
  /** Staged DATs that are new at their path or differ from the file held there (what an import takes). */
  changed: string[];
  /** Systems (`folder/system`) whose DAT content changed or appeared. */
  changedSystems: string[];
  /** Systems held before and absent from this pack, past their grace: removed. */
  removedSystems: string[];
  /** Systems absent from this pack whose held DAT was kept (within the grace), with when they went missing. */
  missingSince: Record<string, number>;
  /** Every staged system with its DAT timestamp ('' when the name carries none). */
  systems: Record<string, string>;
  /** The pack date: from its file name, else from the newest DAT timestamp inside. */
  version: string | undefined;
  /** Entries left out (index.txt, readmes, anything not a DAT). */
  skipped: string[];
}

/**
 * Extracts the DATs of a No-Intro pack into the staging folder, keeping the pack's folders and
 * skipping everything that is not a DAT. One DAT per system: the staged folder replaces the held
 * one whole, so `Game Boy (20261120-…).dat` replaces `Game Boy (20261001-…).dat` instead of
 * joining it. Reports which systems changed, by content, against what is held.
 */
export async function stagePack(packFile: string, packName: string, options: StagePackOptions): Promise<StagedPack> {
  const skipped: string[] = [];
  let extracted;
  try {
    extracted = await extractArchive(packFile, options.stagingDir, {
      filter: (entry) => {
        const keep = !entry.isDirectory && /\.dat$/i.test(entry.name);
        if (!keep && !entry.isDirectory) skipped.push(entry.name);
        return keep;
      },
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      onProgress: (p) =>
        options.progress?.({ phase: 'extracting', items: p.entries, totalItems: p.totalEntries, bytes: p.bytes, totalBytes: p.totalBytes, item: p.entry }),
      onWarning: (message) => options.warn?.(`no-intro: ${message}`),
    });
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    throw new ArchiveError(`no-intro: ${describeError(error)}`, { cause: error, archive: packFile });
  }

  // A pack should hold one DAT per system; if one holds two, keep the newest.
  const bySystem = new Map<string, string>();
  for (const file of [...extracted.files].sort()) {
    const key = systemKey(file);
    const other = bySystem.get(key);
    if (other === undefined) {
      bySystem.set(key, file);
      continue;
    }
    const [keep, drop] = (parseDatName(file).stamp ?? '') >= (parseDatName(other).stamp ?? '') ? [file, other] : [other, file];
    await fs.rm(path.join(options.stagingDir, drop), { force: true });
    options.warn?.(`no-intro: the pack holds two DATs for ${key}; kept ${path.posix.basename(keep)}`);
    bySystem.set(key, keep);
  }
  const files = [...bySystem.values()].sort();
  if (files.length === 0) {
    throw new ArchiveError(`no-intro: ${packName} holds no DAT files; keeping the DATs held`, { archive: packFile });
  }

  const held = new Map<string, string>();
  for (const file of await listFilesRecursive(options.currentDir)) {
    if (/\.dat$/i.test(file)) held.set(systemKey(file), file);
  }
  const changed: string[] = [];
  const changedSystems: string[] = [];
  const systems: Record<string, string> = {};
  for (const file of files) {
    const key = systemKey(file);
    systems[key] = parseDatName(file).stamp ?? '';
    const heldFile = held.get(key);
    const same =
      heldFile !== undefined &&
      (await hashFile(path.join(options.currentDir, heldFile))) === (await hashFile(path.join(options.stagingDir, file)));
    if (!same) changedSystems.push(key);
    // A renamed file is imported again at its new path even when its content is the same.
    if (!same || heldFile !== file) changed.push(file);
  }
  // A DAT the pack lacks is kept for the grace (copied from the held folder), then removed.
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const graceDays = options.missingGraceDays ?? 7;
  const removedSystems: string[] = [];
  const missingSince: Record<string, number> = {};
  for (const key of [...held.keys()].filter((k) => !bySystem.has(k)).sort()) {
    const since = options.missingSince?.[key] ?? now;
    const days = Math.floor((now - since) / 86_400);
    if (now - since >= graceDays * 86_400) {
      removedSystems.push(key);
      if (graceDays > 0) options.warn?.(`no-intro: ${key} has been missing from the daily pack for ${days} days; its DAT is removed`);
      continue;
    }
    const file = held.get(key)!;
    await fs.mkdir(path.dirname(path.join(options.stagingDir, file)), { recursive: true });
    await fs.copyFile(path.join(options.currentDir, file), path.join(options.stagingDir, file));
    files.push(file);
    systems[key] = parseDatName(file).stamp ?? '';
    missingSince[key] = since;
    const left = Math.max(1, Math.ceil((since + graceDays * 86_400 - now) / 86_400));
    options.warn?.(
      `no-intro: ${key} is missing from this pack (DAT-o-MATIC drops DATs while they are edited); the DAT held is kept for ${left} more day${left === 1 ? '' : 's'}`,
    );
  }
  files.sort();

  return {
    files,
    missingSince,
    changed,
    changedSystems,
    removedSystems,
    systems,
    version: packDateFromName(packName) ?? packDateFromDats(files),
    skipped,
  };
}
