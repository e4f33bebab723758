import fs from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { RommerConfig } from '../config/load.js';
import { CancelledError, describeError, NotAvailableError, RommerError, UpstreamChangedError, UsageError } from '../errors.js';
import type { Phase, ProgressUpdate, SourceResult, UpdateEvent, UpdateListener } from '../events.js';
import type { RommerPaths } from '../paths.js';
import type { Importer, Ledger, LedgerEntry } from '../ports.js';
import type { SourceRegistry } from '../registry.js';
import type { AnySource, FetchResult, RemoteVersion, SourceRunContext } from '../source.js';
import { HttpClient } from '../transport/http-client.js';
import { changedFiles, listFilesRecursive } from './changed-files.js';
import { commitStaged, recoverInterruptedCommits, removeIfEmpty } from './commit.js';
import { acquireUpdateLock } from './lock.js';
import { writeManifest } from './manifest.js';
import { reconcileSource, removePending, writePending } from './reconcile.js';

export interface UpdateOptions {
  registry: SourceRegistry;
  config: RommerConfig;
  paths: RommerPaths;
  ledger: Ledger;
  /** Verifies staged DATs (sniff) and imports them. Without it nothing can be verified: required. */
  importer: Importer;
  /** Source ids to update; the enabled ones when empty or absent. */
  sources?: string[];
  dryRun?: boolean;
  force?: boolean;
  /** Import changed DATs even where the source's `auto_import` is off. */
  import?: boolean;
  /** Sources at once; `[defaults] concurrency` when absent. */
  concurrency?: number;
  /** A file the user downloaded, for the one source named (it must accept files). */
  fromFile?: string;
  signal?: AbortSignal;
  onEvent?: UpdateListener;
  env?: Record<string, string | undefined>;
  /** The HTTP client sources use; one configured from `[defaults]` when absent. */
  http?: HttpClient;
}

export interface UpdateSummary {
  sources: SourceResult[];
  durationMs: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function emptyResult(id: string, held: LedgerEntry | undefined): SourceResult {
  // '' is an entry that only keeps a failure's state: no version is held.
  const version = held?.version === '' ? null : (held?.version ?? null);
  return {
    id,
    status: 'failed',
    version,
    previousVersion: version,
    files: 0,
    changedFiles: 0,
    transferredBytes: 0,
    imported: { dats: 0, games: 0, roms: 0 },
    changes: { dats: 0, added: 0, removed: 0, renamed: 0, changed: 0 },
    error: null,
    warnings: [],
    durationMs: 0,
  };
}

/** Which sources run: the named ones (checked), or the enabled ones. */
export function selectSources(options: Pick<UpdateOptions, 'registry' | 'config' | 'sources' | 'fromFile'>): AnySource[] {
  const named = options.sources ?? [];
  const selected =
    named.length > 0
      ? named.map((id) => options.registry.get(id))
      : options.registry.list().filter((s) => options.config.sources.get(s.info.id)?.enabled ?? s.info.defaultEnabled);
  if (options.fromFile !== undefined) {
    if (named.length !== 1) throw new UsageError('--from-file needs exactly one --source');
    const source = selected[0]!;
    if (source.acceptsFromFile !== true) {
      throw new UsageError(`--from-file: source "${source.info.id}" downloads its own files and takes none`);
    }
  }
  return selected;
}

/**
 * The update flow of ARCHITECTURE.md for each selected source, a few at a time, each failure
 * isolated: check → ledger → fetch into staging → verify → atomic commit → ledger → import.
 * Nothing outside `<data>/dats/.staging` is written before the commit, which is a rename.
 */
export async function runUpdate(options: UpdateOptions): Promise<UpdateSummary> {
  const started = Date.now();
  const emit = (event: UpdateEvent) => options.onEvent?.(event);
  const selected = selectSources(options);
  const dryRun = options.dryRun === true;
  const signal = options.signal ?? new AbortController().signal;
  const env = options.env ?? process.env;
  const http =
    options.http ??
    new HttpClient({ timeoutMs: options.config.defaults.timeout * 1000, retries: options.config.defaults.retries });

  emit({
    type: 'start',
    sources: selected.map((s) => s.info.id),
    dryRun,
    force: options.force === true,
    import: options.import === true,
  });
  for (const source of selected) emit({ type: 'progress', source: source.info.id, phase: 'queued' });

  // A dry run writes nothing, not even the lock.
  const release = dryRun ? async () => undefined : await acquireUpdateLock(options.paths.lockFile);
  try {
    if (!dryRun) {
      await recoverInterruptedCommits(options.paths.datsDir, options.paths.trashDir, options.paths.stagingDir);
    }
    const limit = pLimit(options.concurrency ?? options.config.defaults.concurrency);
    // Sources download at the same time, but import one at a time: the catalogue holds one open
    // DAT import (a single writer), and a second source's import would be refused mid-run.
    const importSlot = pLimit(1);
    const results = await Promise.all(
      selected.map((source) => limit(() => updateOne(source, { ...options, dryRun, signal, env, http, importSlot }, emit))),
    );
    const summary = { sources: results, durationMs: Date.now() - started };
    emit({ type: 'summary', ...summary });
    return summary;
  } finally {
    if (!dryRun) {
      await fs.rm(options.paths.stagingDir, { recursive: true, force: true }).catch(() => undefined);
      await removeIfEmpty(options.paths.trashDir);
    }
    await release();
  }
}

type RunOptions = UpdateOptions & {
  dryRun: boolean;
  signal: AbortSignal;
  env: Record<string, string | undefined>;
  http: HttpClient;
  /** Serialises imports across the sources of one run. */
  importSlot: <T>(task: () => Promise<T>) => Promise<T>;
};

async function updateOne(source: AnySource, options: RunOptions, emit: (event: UpdateEvent) => void): Promise<SourceResult> {
  const id = source.info.id;
  const started = Date.now();
  const settings = options.config.sources.get(id);
  let held = await options.ledger.get(id);
  const result = emptyResult(id, held);
  let phase: Phase = 'checking';
  const progress = (update: ProgressUpdate) => {
    if (update.phase !== undefined) phase = update.phase;
    const { phase: _ignored, ...rest } = update;
    emit({ type: 'progress', source: id, phase, ...rest });
  };
  const warn = (message: string) => {
    result.warnings.push(message);
    emit({ type: 'warning', source: id, message });
  };
  const finish = (status: SourceResult['status'], error: string | null = null): SourceResult => {
    result.status = status;
    result.error = error;
    result.durationMs = Date.now() - started;
    const finalPhase: Phase = status === 'failed' ? 'failed' : status === 'skipped' ? 'skipped' : 'done';
    emit({ type: 'progress', source: id, phase: finalPhase, ...(error !== null ? { message: error } : {}) });
    emit({ type: 'result', source: id, result });
    return result;
  };

  if (options.signal.aborted) return finish('skipped', 'cancelled');

  const targetDir = path.join(options.paths.datsDir, id);
  const ctx: SourceRunContext<Record<string, unknown>> = {
    config: settings?.config ?? {},
    defaults: options.config.defaults,
    held,
    signal: options.signal,
    progress,
    warn,
    env: options.env,
    configFile: options.config.file,
    http: options.http,
    ...(options.fromFile !== undefined ? { fromFile: path.resolve(options.fromFile) } : {}),
    ...(options.force === true ? { force: true } : {}),
  };

  let stagingDir: string | undefined;
  let workDir: string | undefined;
  /** Catalogue rows written from staging that the held files do not match until the swap. */
  let importedFromStaging: string[] = [];
  const wantedFile = (file: string) => source.importFilter?.(file, ctx.config) ?? true;
  let importWanted = options.import === true || settings?.autoImport === true;
  try {
    if (!options.dryRun) {
      // The folder held is the truth: first make the ledger and the catalogue agree with it.
      const reconciled = await reconcileSource({
        id,
        datsDir: options.paths.datsDir,
        ledger: options.ledger,
        importer: options.importer,
        importWanted,
        wanted: wantedFile,
        identity: (file) => source.datIdentity?.(file),
        importSlot: options.importSlot,
        signal: options.signal,
        warn,
      });
      // A source the catalogue holds is kept current by every update, --import or not.
      importWanted ||= reconciled.catalogued;
      held = await options.ledger.get(id);
      ctx.held = held;
      const heldVersion = held?.version === '' ? null : (held?.version ?? null);
      result.version = heldVersion;
      result.previousVersion = heldVersion;
    }
    progress({ phase: 'checking' });
    const remote: RemoteVersion = await source.check(ctx);
    const targetExists = await fs.stat(targetDir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    const upToDate =
      held !== undefined && held.version !== '' && targetExists && (remote.upToDate ?? remote.version === held.version);
    result.version = remote.version;
    if (remote.changes !== undefined) result.upstreamChanges = remote.changes;
    if (remote.totalBytes !== undefined) result.plannedBytes = remote.totalBytes;
    if (remote.files !== undefined) result.files = remote.files.length;

    if (upToDate && options.force !== true) {
      result.version = held!.version;
      if (!options.dryRun) {
        // Bookkeeping only: a catalogue busy elsewhere does not make a current source fail.
        await options.ledger.recordCheck(id, nowSeconds(), null).catch((error: unknown) => warn(`could not record the check (${describeError(error)})`));
      }
      if (!options.dryRun && options.import === true) {
        // `--import` on a current source still imports what the catalogue lacks (unchanged DATs are no-ops).
        result.files = (await listFilesRecursive(targetDir)).length;
        await importInto(source, options, targetDir, await datFiles(source, ctx, targetDir), result, progress, warn);
      }
      // A held DAT that no longer imports (cut short on disk) is a failure, not "up to date".
      return result.error === null ? finish('up-to-date') : finish('failed', result.error);
    }
    if (options.dryRun) return finish('would-update');

    await fs.mkdir(options.paths.stagingDir, { recursive: true });
    stagingDir = await fs.mkdtemp(path.join(options.paths.stagingDir, `${id}-`));
    workDir = await fs.mkdtemp(path.join(options.paths.stagingDir, `${id}-work-`));
    const cacheDir = path.join(options.paths.cacheDir, id);
    await fs.mkdir(cacheDir, { recursive: true });

    progress({ phase: 'downloading' });
    const fetched: FetchResult = await source.fetch({
      ...ctx,
      remote,
      stagingDir,
      currentDir: targetDir,
      workDir,
      cacheDir,
      force: options.force === true,
    });
    if (options.signal.aborted) throw new CancelledError();
    for (const message of fetched.warnings ?? []) warn(message);
    result.transferredBytes = fetched.transferredBytes ?? 0;
    result.files = fetched.files.length;
    if (fetched.files.length === 0) {
      throw new UpstreamChangedError(`${id}: the download holds no DAT files; keeping the DATs held`);
    }

    const changed = fetched.changed ?? (await changedFiles(stagingDir, targetDir, fetched.files));
    // Parse once: a changed DAT that is imported is verified by its import (from staging, before
    // the swap); only the changed DATs not imported are read through here.
    // `--force` imports every staged DAT (unchanged ones are a hash and no write): it is the way to
    // make the catalogue whole again whatever it holds.
    const toImport = importWanted ? (options.force === true ? fetched.files : changed).filter(wantedFile) : [];
    const importing = new Set(toImport);
    const verifyOnly = new Set(changed.filter((file) => !importing.has(file)));
    await verifyStaged(options.importer, id, stagingDir, fetched.files, verifyOnly, progress, options.signal);
    result.changedFiles = changed.length;

    if (toImport.length > 0) {
      await writePending(options.paths.datsDir, id, toImport);
      importedFromStaging = toImport;
      const staged = { dir: stagingDir, version: fetched.version ?? remote.version };
      const failure = await importInto(source, options, targetDir, toImport, result, progress, warn, staged);
      if (failure?.catalogue === true) {
        throw new RommerError('store', `${id}: the catalogue could not record ${failure.file} (${failure.reason}); the DATs held are unchanged`);
      }
      if (failure !== undefined) {
        throw new UpstreamChangedError(`${id}: ${failure.file} is not a usable DAT (${failure.reason}); keeping the DATs held`);
      }
    }

    progress({ phase: 'committing' });
    const version = fetched.version ?? remote.version;
    const entry = {
      source: id,
      version,
      lastUpdated: nowSeconds(),
      url: remote.url ?? (typeof ctx.config['url'] === 'string' ? ctx.config['url'] : null),
      state: fetched.state ?? null,
    };
    // The version goes into the folder itself, so the rename commits files and version together.
    await writeManifest(stagingDir, { ...entry, catalogued: importWanted });
    await commitStaged(stagingDir, targetDir, options.paths.trashDir);
    stagingDir = undefined;
    importedFromStaging = [];
    result.version = version;
    try {
      await options.ledger.set({ ...entry, lastChecked: nowSeconds() });
    } catch (error) {
      warn(`${describeError(error)}; dats/${id} holds ${version} and the next run records it in the catalogue`);
    }
    if (importWanted) {
      try {
        const removed = await options.importSlot(() => options.importer.removeMissing?.(targetDir, id) ?? Promise.resolve({ dats: 0, games: 0 }));
        addChanges(result, { dats: removed.dats, removed: removed.games });
      } catch (error) {
        warn(`${describeError(error)}; the next run removes the rows of DATs that are gone`);
      }
    }
    await removePending(options.paths.datsDir, id);
    return finish('updated');
  } catch (error) {
    if (importedFromStaging.length > 0) {
      // Rows were written from staging and the folder was not swapped: put back the held ones.
      await restoreHeldRows(source, options, targetDir, importedFromStaging, warn);
    }
    const message = options.signal.aborted ? 'cancelled' : describeError(error);
    const ledgerState = error instanceof RommerError ? error.ledgerState : undefined;
    if (!options.dryRun) {
      await options.ledger
        .recordCheck(id, nowSeconds(), message, ...(ledgerState !== undefined ? [ledgerState] : []))
        .catch(() => undefined);
    }
    return finish(error instanceof NotAvailableError ? 'skipped' : 'failed', message);
  } finally {
    if (stagingDir !== undefined) await fs.rm(stagingDir, { recursive: true, force: true }).catch(() => undefined);
    if (workDir !== undefined) await fs.rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function datFiles(source: AnySource, ctx: SourceRunContext<Record<string, unknown>>, dir: string): Promise<string[]> {
  const files = await listFilesRecursive(dir);
  return files.filter((file) => source.importFilter?.(file, ctx.config) ?? true);
}

/**
 * Every staged DAT must be recognised before anything is committed, and every changed one must
 * read to its end (where the importer can tell): a DAT cut short after its header would otherwise
 * replace the one held and only fail at import.
 */
async function verifyStaged(
  importer: Importer,
  id: string,
  stagingDir: string,
  files: string[],
  changed: Set<string>,
  progress: (update: ProgressUpdate) => void,
  signal: AbortSignal,
): Promise<void> {
  progress({ phase: 'verifying', items: 0, totalItems: files.length });
  let done = 0;
  for (const file of files) {
    try {
      await importer.sniff(path.join(stagingDir, file));
      if (changed.has(file)) await importer.verify?.(path.join(stagingDir, file), { signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new UpstreamChangedError(`${id}: ${file} is not a usable DAT (${describeError(error).replace(/^.*?: /, '')}); keeping the DATs held`, {
        cause: error,
      });
    }
    done += 1;
    if (done % 50 === 0 || done === files.length) progress({ items: done, totalItems: files.length, item: file });
  }
}

/** The first DAT that failed to import, if one did. */
interface ImportFailure {
  file: string;
  reason: string;
  /** The catalogue could not be written (the DAT itself may be fine). */
  catalogue: boolean;
}

async function importInto(
  source: AnySource,
  options: RunOptions,
  targetDir: string,
  files: string[],
  result: SourceResult,
  progress: (update: ProgressUpdate) => void,
  warn: (message: string) => void,
  staged?: { dir: string; version: string },
): Promise<ImportFailure | undefined> {
  progress({ phase: 'importing', items: 0, totalItems: files.length });
  const { batch, removed } = await options.importSlot(() => importBatch(source, options, targetDir, files, progress, staged));
  const failed = batch.files.filter((f) => f.status === 'failed');
  for (const file of batch.files) {
    for (const message of file.warnings ?? []) warn(message);
    if (file.status === 'imported') {
      result.imported.dats += 1;
      result.imported.games += file.games;
      result.imported.roms += file.roms;
    }
    if (file.changes !== undefined) addChanges(result, { dats: 1, ...file.changes });
  }
  // A DAT gone from the source is a change set too: all its games removed.
  addChanges(result, { dats: removed.dats, removed: removed.games });
  if (failed.length === 0) return undefined;
  const first = failed[0]!;
  const file = path.relative(targetDir, first.path);
  result.error = `${failed.length} DAT${failed.length === 1 ? '' : 's'} failed to import (${file}: ${first.error ?? 'unknown error'})`;
  return { file, reason: (first.error ?? 'unknown error').replace(/^.*?: /, ''), catalogue: first.catalogueFailed === true };
}

function addChanges(result: SourceResult, delta: Partial<SourceResult['changes']>): void {
  const changes = result.changes;
  changes.dats += delta.dats ?? 0;
  changes.added += delta.added ?? 0;
  changes.removed += delta.removed ?? 0;
  changes.renamed += delta.renamed ?? 0;
  changes.changed += delta.changed ?? 0;
}

/**
 * After a failure between importing from staging and the swap: the rows of those DATs are imported
 * again from the files held (or removed where none is held), so the catalogue matches the folder.
 * If this fails too, the pending-import journal stays and the next run repairs it.
 */
async function restoreHeldRows(source: AnySource, options: RunOptions, targetDir: string, files: string[], warn: (message: string) => void): Promise<void> {
  const id = source.info.id;
  try {
    const held = await options.ledger.get(id);
    const signal = new AbortController().signal;
    await options.importSlot(async () => {
      const present: string[] = [];
      for (const file of files) {
        if (await fs.stat(path.join(targetDir, file)).then((s) => s.isFile(), () => false)) present.push(file);
      }
      if (present.length > 0) {
        await options.importer.importFiles(present.map((file) => importItem(source, targetDir, file, held?.version)), { signal });
      }
      await options.importer.removeMissing?.(targetDir, id);
    });
    await removePending(options.paths.datsDir, id);
  } catch (error) {
    warn(`putting back the catalogue rows of the DATs held failed (${describeError(error)}); the next run repairs them`);
  }
}

function importItem(source: AnySource, dir: string, file: string, version: string | undefined) {
  const id = source.info.id;
  const identity = source.datIdentity?.(file);
  return {
    path: path.join(dir, file),
    source: id,
    ...(version !== undefined && version !== '' ? { sourceVersion: version } : {}),
    ...(identity !== undefined ? { identity: `${id}/${identity}` } : {}),
  };
}

async function importBatch(
  source: AnySource,
  options: RunOptions,
  targetDir: string,
  files: string[],
  progress: (update: ProgressUpdate) => void,
  staged?: { dir: string; version: string },
) {
  const id = source.info.id;
  const version = staged?.version ?? (await options.ledger.get(id))?.version;
  const dir = staged?.dir ?? targetDir;
  const batch = await options.importer.importFiles(
    files.map((file) => importItem(source, dir, file, version)),
    {
      signal: options.signal,
      onProgress: (update) => progress({ ...update, phase: 'importing' }),
      ...(staged !== undefined ? { stagedAs: { staged: staged.dir, target: targetDir } } : {}),
    },
  );
  // Imports from staging remove vanished rows after the swap, when the folder is in place.
  const removed = staged === undefined ? ((await options.importer.removeMissing?.(targetDir, id)) ?? { dats: 0, games: 0 }) : { dats: 0, games: 0 };
  return { batch, removed };
}
