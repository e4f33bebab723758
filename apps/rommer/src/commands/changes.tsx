import { option } from 'pastel';
import { z } from 'zod';
import { dataDirOption } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description = 'What changed in the DATs imported: games added, removed, changed and renamed, newest first';

// Values stay strings here and are validated by the service (usage errors end with exit 2).
export const options = z.object({
  source: z
    .string()
    .optional()
    .describe(option({ description: 'Only the DATs of this source', valueDescription: 'id' })),
  dat: z
    .string()
    .optional()
    .describe(option({ description: 'Only DATs whose name or path contains this text', valueDescription: 'text' })),
  since: z
    .string()
    .optional()
    .describe(option({ description: 'Only changes since this date (YYYY-MM-DD) or age (12h, 7d, 2w)', valueDescription: 'date' })),
  limit: z
    .string()
    .optional()
    .describe(option({ description: 'At most this many DAT versions', valueDescription: 'n' })),
  details: z.boolean().optional().describe('List the games of every change (always shown for a single DAT)'),
  json: z.boolean().optional().describe('Print a JSON array'),
  dataDir: dataDirOption('Read the catalogue here instead of ~/.local/share/rommer'),
});

type Props = { options: z.infer<typeof options> };

export default function Changes({ options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runChangesCommand } = await import('../services/changes-command.js');
        return runChangesCommand(flags);
      }}
    />
  );
}
