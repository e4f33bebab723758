import { z } from 'zod';
import { globalFlags, switchFlag } from '../runtime/flags.js';
import { Command } from '../runtime/command.js';

export const description = 'Check the set-up: Node, folders, catalogue, keyring, and whether each enabled source answers, e.g. `rommer doctor --json`';

export const options = z.object({
  json: switchFlag('Print the report as JSON'),
  ...globalFlags,
});

type Props = { options: z.infer<typeof options> };

export default function Doctor({ options }: Props) {
  return (
    <Command
      flags={options}
      run={async (_run, flags) => {
        const { runDoctorCommand } = await import('../services/doctor-command.js');
        return runDoctorCommand(flags);
      }}
    />
  );
}
