import { option } from 'pastel';
import { z } from 'zod';
import { configOption, dataDirOption } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description = 'List the DATs in the catalogue (all, or one source’s)';

// Values stay strings here and are validated by the service (usage errors end with exit 2).
export const options = z.object({
  source: z
    .string()
    .optional()
    .describe(option({ description: 'Only the DATs of this source', valueDescription: 'id' })),
  json: z.boolean().optional().describe('Print a JSON array'),
  config: configOption,
  dataDir: dataDirOption('Read the catalogue here instead of ~/.local/share/rommer'),
});

type Props = { options: z.infer<typeof options> };

export default function Dats({ options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runDatsCommand } = await import('../services/dats-command.js');
        return runDatsCommand(flags);
      }}
    />
  );
}
