import { accessSync, constants } from 'node:fs';
import { runUpdate } from '@rommer/core/update';
import { RommerError, type SourceResult, type UpdateEvent } from '@rommer/core';
import type { CommandContext } from './context.js';

export interface SelectedUpdateOptions {
  import: boolean;
  dryRun: boolean;
  force: boolean;
  /** Sources at once; `[defaults] concurrency` when absent. */
  concurrency?: number | undefined;
  /** A pack the user downloaded, for the one source selected. */
  fromFile?: string | undefined;
}

/**
 * One update of the sources chosen (in the dashboard, or by `rommer update`'s flags): opens the catalogue for the run (a dry run
 * never creates it), runs the orchestrator, closes the catalogue. Knows nothing of the views.
 */
export async function runSelectedUpdate(
  ctx: CommandContext,
  selection: string[],
  options: SelectedUpdateOptions,
  onEvent: (event: UpdateEvent) => void,
  signal: AbortSignal,
): Promise<{ sources: SourceResult[]; durationMs: number }> {
  if (!options.dryRun) requireWritable(ctx.paths.dataDir);
  const { catalogueTarget, openCatalog } = await import('./catalog.js');
  const catalog = await openCatalog(catalogueTarget(ctx.paths, ctx.config, ctx.env), ctx.paths.datsDir, { readOnly: options.dryRun });
  try {
    return await runUpdate({
      registry: ctx.registry,
      config: ctx.config,
      paths: ctx.paths,
      ledger: catalog.ledger,
      importer: catalog.importer,
      sources: selection,
      dryRun: options.dryRun,
      force: options.force,
      import: options.import,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.fromFile !== undefined ? { fromFile: options.fromFile } : {}),
      signal,
      onEvent,
      env: ctx.env,
    });
  } finally {
    await catalog.close();
  }
}

/** An update writes DATs, its lock and the catalogue in the data folder: say so before touching anything. */
function requireWritable(dataDir: string): void {
  try {
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Not there yet: the first update creates it.
    if (code === 'ENOENT') return;
    const why = code === 'EROFS' ? 'is on a read-only file system' : `cannot be written (${code ?? 'no access'})`;
    throw new RommerError('data-folder', `the data folder ${dataDir} ${why}: an update writes its DATs and catalogue there (rommer dats and rommer update --dry-run only read it)`);
  }
}
