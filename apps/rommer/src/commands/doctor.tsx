import { z } from 'zod';
import { configOption, dataDirOption } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description = 'Check the set-up: Node, folders, catalogue, keyring, and whether each enabled source answers';

export const options = z.object({
  json: z.boolean().optional().describe('Print the report as JSON'),
  config: configOption,
  dataDir: dataDirOption('Check this data folder instead of ~/.local/share/rommer'),
});

type Props = { options: z.infer<typeof options> };

export default function Doctor({ options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runDoctorCommand } = await import('../services/doctor-command.js');
        return runDoctorCommand(flags);
      }}
    />
  );
}
