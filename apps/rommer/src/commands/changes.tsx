import { z } from 'zod';
import { globalFlags, switchFlag, textFlag, wholeNumberFlag } from '../runtime/flags.js';
import { Command } from '../runtime/command.js';

export const description = 'What changed in the DATs imported: games added, removed, changed and renamed, newest first, e.g. `rommer changes --since 7d`';

export const options = z.object({
  source: textFlag({ description: 'Only the DATs of this source', value: 'id' }),
  dat: textFlag({ description: 'Only DATs whose name or path contains this text', value: 'text' }),
  since: textFlag({ description: 'Only changes since this date (YYYY-MM-DD) or age (12h, 7d, 2w)', value: 'date' }),
  limit: wholeNumberFlag({ min: 1 }, { description: 'At most this many DAT versions', value: 'n' }),
  details: switchFlag('List the games of every change (always shown for a single DAT)'),
  json: switchFlag('Print a JSON array'),
  ...globalFlags,
});

type Props = { options: z.infer<typeof options> };

export default function Changes({ options }: Props) {
  return (
    <Command
      flags={options}
      run={async (run, flags) => {
        const { runChangesCommand } = await import('../services/changes-command.js');
        return runChangesCommand(flags, { print: run.output.print, env: run.env });
      }}
    />
  );
}
