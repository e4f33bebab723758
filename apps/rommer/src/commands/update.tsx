import { z } from 'zod';
import { globalFlags, listFlag, switchFlag, textFlag, wholeNumberFlag } from '../runtime/flags.js';
import { Command } from '../runtime/command.js';

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

type Props = { options: z.infer<typeof options> };

export default function Update({ options }: Props) {
  return (
    <Command
      flags={options}
      drawsOnTerminal
      exitCodeTellsCancel
      run={async (run, flags) => {
        const { updateRun } = await import('../command-runs/update-run.js');
        return updateRun(run, flags);
      }}
    />
  );
}
