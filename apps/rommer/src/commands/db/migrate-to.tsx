import { argument } from 'pastel';
import { z } from 'zod';
import { configOption, dataDirOption } from '../../command-options.js';
import { RunCommand } from '../../ui/run-command.js';

export const description = "Copy the data folder's SQLite catalogue into an empty PostgreSQL database";

export const args = z.tuple([z.string().describe(argument({ name: 'url', description: 'postgresql://user@host:5432/database' }))]);

export const options = z.object({
  json: z.boolean().optional().describe('Print one JSON object with every DAT copied and the totals'),
  config: configOption,
  dataDir: dataDirOption('Copy the catalogue of this data folder instead of ~/.local/share/rommer'),
});

type Props = { args: z.infer<typeof args>; options: z.infer<typeof options> };

export default function MigrateTo({ args: [url], options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runMigrateToCommand } = await import('../../services/migrate-to-command.js');
        return runMigrateToCommand(url, flags);
      }}
    />
  );
}
