import { argument, option } from 'pastel';
import { z } from 'zod';
import { dataDirOption } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description = 'Identify ROM files (loose, zip, 7z) against every DAT in the catalogue; have/missing per DAT';

export const args = z.array(z.string()).describe(argument({ name: 'path', description: 'file or folder to scan' }));

// Values stay permissive here; the scan service validates them (usage errors end with exit 2).
export const options = z.object({
  json: z.boolean().optional().describe('Print JSON lines: one per file or archive entry, then a summary'),
  dat: z
    .string()
    .optional()
    .describe(option({ description: 'Match against this DAT only (header name, catalogue path or imported file)', valueDescription: 'DAT' })),
  source: z
    .string()
    .optional()
    .describe(option({ description: 'Match against the DATs of this source only', valueDescription: 'id' })),
  full: z.boolean().optional().describe('Hash every byte of archive entries (default: trust the zip/7z directory’s CRC-32)'),
  dataDir: dataDirOption('Read the catalogue here instead of ~/.local/share/rommer'),
});

type Props = { args: z.infer<typeof args>; options: z.infer<typeof options> };

export default function Scan({ args: paths, options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runScanCommand } = await import('../services/scan-command.js');
        return runScanCommand(paths, flags);
      }}
    />
  );
}
