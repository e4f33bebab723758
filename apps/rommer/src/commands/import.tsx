import { argument } from 'pastel';
import { z } from 'zod';
import { configOption, dataDirOption } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description = 'Import DAT files, folders (recursively), zip or 7z archives into the catalogue';

export const args = z.array(z.string()).describe(argument({ name: 'path', description: 'DAT file, folder, zip or 7z' }));

// Values stay permissive here; the import service validates them (usage errors end with exit 2).
export const options = z.object({
  json: z.boolean().optional().describe('Print one JSON object with every file and the totals'),
  config: configOption,
  dataDir: dataDirOption(),
});

type Props = { args: z.infer<typeof args>; options: z.infer<typeof options> };

export default function Import({ args: paths, options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runImportCommand } = await import('../services/import-command.js');
        return runImportCommand(paths, flags);
      }}
    />
  );
}
