import { argument } from 'pastel';
import { z } from 'zod';
import { globalFlags, switchFlag } from '../runtime/flags.js';
import { Command } from '../runtime/command.js';

export const description = 'Import DAT files, folders (recursively), zip or 7z archives into the catalogue, e.g. `rommer import ~/dats/*.dat`';

export const args = z.array(z.string()).describe(argument({ name: 'path', description: 'DAT file, folder, zip or 7z' }));

export const options = z.object({
  json: switchFlag('Print one JSON object with every file and the totals'),
  ...globalFlags,
});

type Props = { args: z.infer<typeof args>; options: z.infer<typeof options> };

export default function Import({ args: paths, options }: Props) {
  return (
    <Command
      flags={options}
      run={async (run, flags) => {
        const { runImportCommand } = await import('../services/import-command.js');
        return runImportCommand(paths, flags, {
          print: run.output.print,
          error: run.output.error,
          progress: run.output.mode !== 'json' && process.stderr.isTTY ? process.stderr : undefined,
          signal: run.signal,
          env: run.env,
        });
      }}
    />
  );
}
