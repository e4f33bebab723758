import { z } from 'zod';
import { globalFlags, listFlag, switchFlag, textFlag, wholeNumberFlag } from '../runtime/flags.js';
import type { CommandSpec } from '../runtime/run-command.js';

// `rommer update` as data: its flags and how it runs. commands/update.tsx gives it to pastel (for
// help, and when pastel runs it); cli.ts runs it directly, without pastel, Ink or React.

export const description =
  'Fetch the newest DATs from their publishers (all enabled sources, or those named), e.g. `rommer update --source opengood --import`';

export const options = z.object({
  source: listFlag({ description: 'Update only this source (repeatable; see --list-sources)', value: 'id' }),
  import: switchFlag('Import changed DATs into the catalogue after updating'),
  dryRun: switchFlag('Only check: report what would be downloaded, write nothing'),
  force: switchFlag('Download again even when the version held is current'),
  listSources: switchFlag('List the sources with their state and exit'),
  json: switchFlag('Print JSON lines (events and a final summary) instead of text'),
  concurrency: wholeNumberFlag({ min: 1, max: 16 }, { description: 'Sources updated at once (default from sources.conf, else 3)', value: 'n' }),
  yes: switchFlag('Do not ask before the first download (for scripts)', 'y'),
  fromFile: textFlag({ description: 'Use a pack you downloaded yourself (with one --source, e.g. no-intro)', value: 'file' }),
  ...globalFlags,
});

export type UpdateOptions = z.infer<typeof options>;

/** Everything but the flags: the runtime's part of `rommer update`. */
export const updateSpec: Omit<CommandSpec<UpdateOptions>, 'flags'> = {
  drawsOnTerminal: true,
  exitCodeTellsCancel: true,
  run: async (run, flags) => {
    const { updateRun } = await import('./update-run.js');
    return updateRun(run, flags);
  },
};
