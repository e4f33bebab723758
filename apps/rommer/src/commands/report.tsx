import { z } from 'zod';
import { globalFlags, switchFlag, textFlag } from '../runtime/flags.js';
import { Command } from '../runtime/command.js';

export const description = 'Have/missing per DAT from the last scan, e.g. `rommer report --missing --source no-intro`';

export const options = z.object({
  dat: textFlag({ description: 'Only this DAT (header name, catalogue path or imported file)', value: 'DAT' }),
  source: textFlag({ description: 'Only the DATs of this source', value: 'id' }),
  missing: switchFlag('List only the games not fully found'),
  csv: switchFlag('Print CSV: one row per game'),
  json: switchFlag('Print one JSON object'),
  ...globalFlags,
});

type Props = { options: z.infer<typeof options> };

export default function Report({ options }: Props) {
  return (
    <Command
      flags={options}
      run={async (run, flags) => {
        const { runReportCommand } = await import('../services/report-command.js');
        return runReportCommand(flags, { print: run.output.print, env: run.env });
      }}
    />
  );
}
