import { argument } from 'pastel';
import { z } from 'zod';
import { globalFlags, switchFlag, textFlag } from '../runtime/flags.js';
import { Command } from '../runtime/command.js';

export const description = 'Identify ROM files (loose, zip, 7z) against every DAT in the catalogue; have/missing per DAT, e.g. `rommer scan ~/roms/nes`';

export const args = z.array(z.string()).describe(argument({ name: 'path', description: 'file or folder to scan' }));

export const options = z.object({
  json: switchFlag('Print JSON lines: one per file or archive entry, then a summary'),
  dat: textFlag({ description: 'Match against this DAT only (header name, catalogue path or imported file)', value: 'DAT' }),
  source: textFlag({ description: 'Match against the DATs of this source only', value: 'id' }),
  full: switchFlag('Hash every byte of archive entries (default: trust the zip/7z directory’s CRC-32)'),
  ...globalFlags,
});

type Props = { args: z.infer<typeof args>; options: z.infer<typeof options> };

export default function Scan({ args: paths, options }: Props) {
  return (
    <Command
      flags={options}
      run={async (run, flags) => {
        const { runScanCommand } = await import('../services/scan-command.js');
        return runScanCommand(paths, flags, {
          print: run.output.print,
          warn: run.output.error,
          progress: run.output.mode === 'terminal' && process.stderr.isTTY ? process.stderr : undefined,
          signal: run.signal,
          env: run.env,
        });
      }}
    />
  );
}
