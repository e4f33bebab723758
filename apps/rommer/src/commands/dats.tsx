import { z } from 'zod';
import { globalFlags, switchFlag, textFlag } from '../runtime/flags.js';
import { Command } from '../runtime/command.js';

export const description = 'List the DATs in the catalogue (all, or one source’s), e.g. `rommer dats --source opengood`';

export const options = z.object({
  source: textFlag({ description: 'Only the DATs of this source', value: 'id' }),
  json: switchFlag('Print a JSON array'),
  ...globalFlags,
});

type Props = { options: z.infer<typeof options> };

export default function Dats({ options }: Props) {
  return (
    <Command
      flags={options}
      run={async (run, flags) => {
        const { runDatsCommand } = await import('../services/dats-command.js');
        return runDatsCommand(flags, { print: run.output.print, env: run.env });
      }}
    />
  );
}
