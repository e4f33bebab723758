import { option } from 'pastel';
import { z } from 'zod';
import { dataDirOption } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description = 'Write a Logiqx DAT of the games of a DAT the last scan did not find (missing ROMs only)';

export const options = z.object({
  dat: z
    .string()
    .optional()
    .describe(option({ description: 'The DAT (header name, catalogue path or imported file)', valueDescription: 'DAT' })),
  output: z
    .string()
    .optional()
    .describe(option({ description: 'Write the fixdat to this file instead of stdout', valueDescription: 'file' })),
  dataDir: dataDirOption('Read the catalogue here instead of ~/.local/share/rommer'),
});

type Props = { options: z.infer<typeof options> };

export default function Fixdat({ options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runFixdatCommand } = await import('../services/fixdat-command.js');
        return runFixdatCommand(flags);
      }}
    />
  );
}
