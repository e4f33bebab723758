import { option } from 'pastel';
import { z } from 'zod';
import { dataDirOption } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description = 'Have/missing per DAT from the last scan';

export const options = z.object({
  dat: z
    .string()
    .optional()
    .describe(option({ description: 'Only this DAT (header name, catalogue path or imported file)', valueDescription: 'DAT' })),
  source: z
    .string()
    .optional()
    .describe(option({ description: 'Only the DATs of this source', valueDescription: 'id' })),
  missing: z.boolean().optional().describe('List only the games not fully found'),
  csv: z.boolean().optional().describe('Print CSV: one row per game'),
  json: z.boolean().optional().describe('Print one JSON object'),
  dataDir: dataDirOption('Read the catalogue here instead of ~/.local/share/rommer'),
});

type Props = { options: z.infer<typeof options> };

export default function Report({ options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runReportCommand } = await import('../services/report-command.js');
        return runReportCommand(flags);
      }}
    />
  );
}
