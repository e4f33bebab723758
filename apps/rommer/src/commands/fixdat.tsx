import { z } from 'zod';
import { globalFlags, textFlag } from '../runtime/flags.js';
import { Command } from '../runtime/command.js';

export const description =
  'Write a Logiqx DAT of the games of a DAT the last scan did not find (missing ROMs only), e.g. `rommer fixdat --dat "Nintendo - NES" --output nes-fix.dat`';

export const options = z.object({
  dat: textFlag({ description: 'The DAT (header name, catalogue path or imported file)', value: 'DAT' }),
  output: textFlag({ description: 'Write the fixdat to this file instead of stdout', value: 'file' }),
  ...globalFlags,
});

type Props = { options: z.infer<typeof options> };

export default function Fixdat({ options }: Props) {
  return (
    <Command
      flags={options}
      run={async (_run, flags) => {
        const { runFixdatCommand } = await import('../services/fixdat-command.js');
        return runFixdatCommand(flags);
      }}
    />
  );
}
