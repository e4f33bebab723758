import fs from 'node:fs';
import { selectSources } from '@rommer/core/update';
import { UsageError, type UpdateListener } from '@rommer/core';
import { loadCommandContext, type CommandContext } from './context.js';
import { confirmOnTerminal, firstRunExplanation } from './first-run.js';
import { createJsonReporter } from './json-reporter.js';
import { formatSourceTable, listSources } from './list-sources.js';
import { printLine } from './output.js';
import { createPlainReporter } from './plain-reporter.js';
import { runSelectedUpdate, type SelectedUpdateOptions } from './selected-update.js';
import { validateUpdateFlags, type UpdateFlags } from './update-flags.js';

/** Exit code when the user interrupts (128 + SIGINT). */
const interruptedExitCode = 130;

/** `rommer update`: validates flags, then lists sources or runs the update. Returns the exit code. */
export async function runUpdateCommand(flags: UpdateFlags): Promise<number> {
  const ctx = await loadCommandContext(flags);
  const request = validateUpdateFlags(flags, ctx.registry);
  if (request.listSources) {
    const rows = listSources(ctx);
    printLine(request.json ? JSON.stringify(rows, null, 2) : formatSourceTable(rows));
    return 0;
  }
  if (request.fromFile !== undefined && !fs.existsSync(request.fromFile)) {
    throw new UsageError(`--from-file: ${request.fromFile} does not exist`);
  }
  const selection = selectSources({
    registry: ctx.registry,
    config: ctx.config,
    sources: request.sources,
    fromFile: request.fromFile,
  }).map((source) => source.info.id);

  // Before the first download of hundreds of megabytes, a person at a terminal is told what will
  // happen and asked; scripts (no TTY) and --yes go ahead.
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (ctx.config.file === null && interactive && !request.yes && !request.dryRun && !request.json) {
    for (const line of firstRunExplanation(selection.map((id) => ctx.registry.get(id)), ctx.paths)) printLine(line);
    if (!(await confirmOnTerminal('Continue? [y/N] '))) {
      printLine('Nothing downloaded.');
      return 0;
    }
  }

  const options: SelectedUpdateOptions = {
    import: request.import,
    dryRun: request.dryRun,
    force: request.force,
    concurrency: request.concurrency,
    fromFile: request.fromFile,
  };
  // On a terminal the live view draws the progress (and handles Ctrl-C itself); elsewhere plain lines or JSON.
  if (process.stdout.isTTY === true && !request.json) return runLive(ctx, selection, options);
  const onEvent = request.json
    ? createJsonReporter(printLine)
    : createPlainReporter(printLine, { dryRun: request.dryRun });
  return runPlain(ctx, selection, options, onEvent);
}

async function runLive(ctx: CommandContext, selection: string[], options: SelectedUpdateOptions): Promise<number> {
  const { loadSourceRows } = await import('./source-rows.js');
  const { runLiveUpdate } = await import('../ui/dashboard/index.js');
  return runLiveUpdate({
    rows: await loadSourceRows(ctx),
    selection,
    options: { import: options.import, dryRun: options.dryRun, force: options.force },
    start: (onEvent, signal) => runSelectedUpdate(ctx, selection, options, onEvent, signal),
  });
}

async function runPlain(
  ctx: CommandContext,
  selection: string[],
  options: SelectedUpdateOptions,
  onEvent: UpdateListener,
): Promise<number> {
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(interruptedExitCode);
    interrupted = true;
    process.stderr.write('rommer: cancelling (press Ctrl-C again to stop at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await runSelectedUpdate(ctx, selection, options, onEvent, controller.signal);
    if (interrupted) return interruptedExitCode;
    return summary.sources.some((s) => s.status === 'failed') ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
