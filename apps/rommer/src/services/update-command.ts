import fs from 'node:fs';
import { runUpdate, selectSources, UsageError } from '@rommer/core';
import { loadCommandContext } from './context.js';
import { confirmOnTerminal, firstRunExplanation } from './first-run.js';
import { createJsonReporter } from './json-reporter.js';
import { formatSourceTable, listSources } from './list-sources.js';
import { printLine } from './output.js';
import { createPlainReporter } from './plain-reporter.js';
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

  // Before the first download of hundreds of megabytes, a person at a terminal is told what will
  // happen and asked; scripts (no TTY) and --yes go ahead.
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (ctx.config.file === null && interactive && !request.yes && !request.dryRun && !request.json) {
    const selected = selectSources({ registry: ctx.registry, config: ctx.config, sources: request.sources });
    for (const line of firstRunExplanation(selected, ctx.paths)) printLine(line);
    if (!(await confirmOnTerminal('Continue? [y/N] '))) {
      printLine('Nothing downloaded.');
      return 0;
    }
  }

  const { openCatalog } = await import('./catalog.js');
  // A dry run writes nothing: it reads the ledger if a catalogue exists, and never creates one.
  const catalog = await openCatalog(ctx.paths, { readOnly: request.dryRun });
  const controller = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(interruptedExitCode);
    interrupted = true;
    process.stderr.write('rommer: cancelling (press Ctrl-C again to stop at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const onEvent = request.json
      ? createJsonReporter(printLine)
      : createPlainReporter(printLine, { dryRun: request.dryRun });
    const summary = await runUpdate({
      registry: ctx.registry,
      config: ctx.config,
      paths: ctx.paths,
      ledger: catalog.ledger,
      importer: catalog.importer,
      sources: request.sources,
      dryRun: request.dryRun,
      force: request.force,
      import: request.import,
      ...(request.concurrency !== undefined ? { concurrency: request.concurrency } : {}),
      ...(request.fromFile !== undefined ? { fromFile: request.fromFile } : {}),
      signal: controller.signal,
      onEvent,
      env: ctx.env,
    });
    if (interrupted) return interruptedExitCode;
    return summary.sources.some((s) => s.status === 'failed') ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await catalog.close();
  }
}
