import fs from 'node:fs';
import { selectSources } from '@rommer/core/update';
import { UsageError, type SourceRegistry } from '@rommer/core';
import type { z } from 'zod';
import type { options } from './update-command.js';
import type { Accepted } from '../runtime/flags.js';
import type { CommandRun } from '../runtime/run-command.js';
import type { CommandContext } from '../services/context.js';
import { confirmOnTerminal, firstRunExplanation } from '../services/first-run.js';
import { createJsonReporter } from '../services/json-reporter.js';
import { formatSourceTable, listSources } from '../services/list-sources.js';
import { createPlainReporter } from '../services/plain-reporter.js';
import { runSelectedUpdate, type SelectedUpdateOptions } from '../services/selected-update.js';
import { updateExitCode } from '../services/update-exit-code.js';

export type UpdateFlags = Accepted<z.infer<typeof options>>;

/** `--source a b --source c,a`: the ids in order, once each; each must be a source rommer knows. */
export function selectedIds(values: string[] | undefined, registry: SourceRegistry): string[] {
  const ids: string[] = [];
  for (const id of (values ?? []).flatMap((value) => value.split(',')).map((part) => part.trim())) {
    if (id === '') throw new UsageError('--source: expected a source id (see rommer update --list-sources)');
    registry.get(id);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The flags that make no sense together (their types and values are the schema's). */
export function checkCombinations(flags: UpdateFlags, sources: string[]): void {
  if (flags.listSources) {
    const conflicting = (
      [
        ['--import', flags.import],
        ['--dry-run', flags.dryRun],
        ['--force', flags.force],
        ['--concurrency', flags.concurrency !== undefined],
      ] as const
    ).find(([, on]) => on);
    if (conflicting !== undefined) throw new UsageError(`--list-sources cannot be combined with ${conflicting[0]}`);
  }
  if (flags.fromFile !== undefined && sources.length !== 1) {
    throw new UsageError('--from-file needs exactly one --source (e.g. --source no-intro)');
  }
  if (flags.dryRun && flags.force) throw new UsageError('--dry-run cannot be combined with --force (a dry run downloads nothing)');
}

/** `rommer update`: lists the sources, or updates them with a live view, plain lines or JSON. */
export async function updateRun(run: CommandRun, flags: UpdateFlags): Promise<number> {
  const ctx = await run.context();
  const sources = selectedIds(flags.source, ctx.registry);
  checkCombinations(flags, sources);
  if (flags.listSources) {
    const rows = listSources(ctx);
    run.output.print(flags.json ? JSON.stringify(rows, null, 2) : formatSourceTable(rows));
    return 0;
  }
  if (flags.fromFile !== undefined && !fs.existsSync(flags.fromFile)) {
    throw new UsageError(`--from-file: ${flags.fromFile} does not exist`);
  }
  const selection = selectSources({ registry: ctx.registry, config: ctx.config, sources, fromFile: flags.fromFile }).map(
    (source) => source.info.id,
  );

  // Before the first download of hundreds of megabytes, a person at a terminal is told what will
  // happen and asked; scripts (no TTY) and --yes go ahead.
  const interactive = process.stdin.isTTY === true && run.output.mode === 'terminal';
  if (ctx.config.file === null && interactive && !flags.yes && !flags.dryRun) {
    for (const line of firstRunExplanation(selection.map((id) => ctx.registry.get(id)), ctx.paths)) run.output.print(line);
    if (!(await confirmOnTerminal('Continue? [y/N] '))) {
      run.output.print('Nothing downloaded.');
      return 0;
    }
  }

  const options: SelectedUpdateOptions = {
    import: flags.import,
    dryRun: flags.dryRun,
    force: flags.force,
    concurrency: flags.concurrency,
    fromFile: flags.fromFile,
  };
  if (run.output.mode === 'terminal') return runLive(ctx, selection, options);
  const onEvent =
    run.output.mode === 'json'
      ? createJsonReporter(run.output.print)
      : createPlainReporter(run.output.print, { dryRun: flags.dryRun, error: run.output.error });
  const summary = await runSelectedUpdate(ctx, selection, options, onEvent, run.signal);
  return updateExitCode(summary.sources, run.signal.aborted);
}

/** On a terminal the live view draws the progress and takes Ctrl-C itself (asks, then cancels). */
async function runLive(ctx: CommandContext, selection: string[], options: SelectedUpdateOptions): Promise<number> {
  const [{ loadSourceRows }, { runLiveUpdate }] = await Promise.all([import('../services/source-rows.js'), import('../ui/dashboard/index.js')]);
  return runLiveUpdate({
    rows: await loadSourceRows(ctx),
    selection,
    options: { import: options.import, dryRun: options.dryRun, force: options.force },
    start: (onEvent, signal) => runSelectedUpdate(ctx, selection, options, onEvent, signal),
  });
}
