import { loadChangeLines } from './changes-command.js';
import { loadCommandContext } from './context.js';
import { runDashboardScan } from './dashboard-scan.js';
import { printLine } from './output.js';
import { runSelectedUpdate } from './selected-update.js';
import { loadSourceRows } from './source-rows.js';

export const notATerminalHint = [
  'rommer: the dashboard needs a terminal (stdin and stdout).',
  'Run `rommer update` to update the enabled sources, `rommer update --list-sources` to see them,',
  'or `rommer --help` for every command.',
];

/**
 * `rommer` with no command. On a terminal it opens the dashboard; anywhere else (a pipe, cron,
 * CI) it prints where to go instead and never touches raw mode or moves the cursor.
 */
export async function runDashboardCommand(
  flags: { config?: string | undefined; dataDir?: string | undefined },
  io: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean } } = process,
): Promise<number> {
  if (io.stdin.isTTY !== true || io.stdout.isTTY !== true) {
    for (const line of notATerminalHint) printLine(line);
    return 0;
  }
  const ctx = await loadCommandContext(flags);
  const rows = await loadSourceRows(ctx);
  // The views (Ink, React) load only when there is a terminal to draw on.
  const { runDashboard } = await import('../ui/dashboard/index.js');
  return runDashboard({
    rows,
    initialOptions: { import: false, dryRun: false, force: false },
    start: (selection, options, onEvent, signal) => runSelectedUpdate(ctx, selection, options, onEvent, signal),
    loadChanges: (source) => loadChangeLines(ctx.paths, source),
    scan: { paths: ctx.config.scan.paths, start: (path, onEvent, signal) => runDashboardScan(ctx, path, onEvent, signal) },
  });
}
