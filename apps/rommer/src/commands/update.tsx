import { option } from 'pastel';
import { z } from 'zod';
import { configOption, dataDirOption } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description = 'Fetch the newest DATs from their publishers (all enabled sources, or those named)';

// Values stay strings here and are validated by the update service, so that every usage error
// ends with exit code 2 and one line (pastel's own validation exits with 1).
export const options = z.object({
  source: z
    .array(z.string())
    .optional()
    .describe(option({ description: 'Update only this source (repeatable; see --list-sources)', valueDescription: 'id' })),
  import: z.boolean().optional().describe('Import changed DATs into the catalogue after updating'),
  dryRun: z.boolean().optional().describe('Only check: report what would be downloaded, write nothing'),
  force: z.boolean().optional().describe('Download again even when the version held is current'),
  listSources: z.boolean().optional().describe('List the sources with their state and exit'),
  json: z.boolean().optional().describe('Print JSON lines (events and a final summary) instead of text'),
  concurrency: z
    .string()
    .optional()
    .describe(option({ description: 'Sources updated at once (default from sources.conf, else 3)', valueDescription: 'n' })),
  config: configOption,
  dataDir: dataDirOption(),
  yes: z
    .boolean()
    .optional()
    .describe(option({ description: 'Do not ask before the first download (for scripts)', alias: 'y' })),
  fromFile: z
    .string()
    .optional()
    .describe(option({ description: 'Use a pack you downloaded yourself (with one --source, e.g. no-intro)', valueDescription: 'file' })),
});

type Props = { options: z.infer<typeof options> };

export default function Update({ options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runUpdateCommand } = await import('../services/update-command.js');
        return runUpdateCommand(flags);
      }}
    />
  );
}
