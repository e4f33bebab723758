import { z } from 'zod';
import { configOption, dataDirOption } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description =
  'Keep a ROM-preservation DAT library current: fetch DATs from their publishers and catalogue them. On a terminal, `rommer` opens the dashboard; `rommer update --help` for scripts.';

export const options = z.object({
  config: configOption,
  dataDir: dataDirOption(),
});

type Props = { options: z.infer<typeof options> };

/** `rommer`: the dashboard on a terminal; a pointer to the commands anywhere else. */
export default function Index({ options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runDashboardCommand } = await import('../services/dashboard-command.js');
        return runDashboardCommand(flags);
      }}
    />
  );
}
