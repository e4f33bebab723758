import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '@rommer/core';
import type { CommandRun } from '../runtime/run-command.js';
import { suggestSimilar } from '../runtime/suggest.js';
import { loadChangeLines } from '../services/changes-command.js';
import { runDashboardScan } from '../services/dashboard-scan.js';
import { runSelectedUpdate } from '../services/selected-update.js';
import { loadSourceRows } from '../services/source-rows.js';

export const notATerminalHint = [
  'rommer: the dashboard needs a terminal (stdin and stdout).',
  'Run `rommer update` to update the enabled sources, `rommer update --list-sources` to see them,',
  'or `rommer --help` for every command.',
];

/** The commands rommer has: the files pastel reads them from. */
function commandNames(): string[] {
  const dir = fileURLToPath(new URL('../commands/', import.meta.url));
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || (/\.(js|tsx?)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.startsWith('_')))
    .map((entry) => entry.name.replace(/\.(js|tsx?)$/, ''));
}

/** `rommer udpate`: pastel hands a word that names no command to the default one (the dashboard). */
export function unknownCommand(word: string, known: string[] = commandNames()): UsageError {
  const near = suggestSimilar(word, known);
  const hint = near.length > 0 ? ` (did you mean ${near.join(' or ')}?)` : '';
  return new UsageError(`unknown command '${word}'${hint}; rommer --help lists the commands`);
}

/**
 * `rommer` with no command. On a terminal it opens the dashboard; anywhere else (a pipe, cron,
 * CI) it says where to go instead, on stderr, and ends with 2: nothing was done.
 */
export async function dashboardRun(
  run: CommandRun,
  words: string[],
  io: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean } } = process,
): Promise<number> {
  if (words.length > 0) throw unknownCommand(words[0]!);
  if (io.stdin.isTTY !== true || io.stdout.isTTY !== true) {
    for (const line of notATerminalHint) run.output.error(line);
    return 2;
  }
  const ctx = await run.context();
  const rows = await loadSourceRows(ctx);
  // The views (Ink, React) load only when there is a terminal to draw on.
  const { runDashboard } = await import('../ui/dashboard/index.js');
  return runDashboard({
    rows,
    initialOptions: { import: false, dryRun: false, force: false },
    start: (selection, options, onEvent, signal) => runSelectedUpdate(ctx, selection, options, onEvent, signal),
    loadChanges: (source) => loadChangeLines(ctx, source),
    scan: { paths: ctx.config.scan.paths, start: (path, onEvent, signal) => runDashboardScan(ctx, path, onEvent, signal) },
  });
}
