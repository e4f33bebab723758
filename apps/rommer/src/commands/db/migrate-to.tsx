import { argument } from 'pastel';
import { z } from 'zod';
import { globalFlags, switchFlag } from '../../runtime/flags.js';
import { Command } from '../../runtime/command.js';

export const description =
  "Copy the data folder's SQLite catalogue into an empty PostgreSQL database, e.g. `rommer db migrate-to postgresql://me@db:5432/rommer`";

export const args = z.tuple([z.string().describe(argument({ name: 'url', description: 'postgresql://user@host:5432/database' }))]);

export const options = z.object({
  json: switchFlag('Print one JSON object with every DAT copied and the totals'),
  ...globalFlags,
});

type Props = { args: z.infer<typeof args>; options: z.infer<typeof options> };

export default function MigrateTo({ args: [url], options }: Props) {
  return (
    <Command
      flags={options}
      run={async (_run, flags) => {
        const { runMigrateToCommand } = await import('../../services/migrate-to-command.js');
        return runMigrateToCommand(url, flags);
      }}
    />
  );
}
