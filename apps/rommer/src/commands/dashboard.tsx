import { argument } from 'pastel';
import { z } from 'zod';
import { globalFlags } from '../runtime/flags.js';
import { Command } from '../runtime/command.js';

export const description = 'The dashboard (what `rommer` alone opens on a terminal): pick sources, watch the run, read the changes, scan';

// `rommer` alone runs the default command; pastel's root takes no flags of its own, so
// `rommer --config x` and `rommer update --config x` each reach their own command.
export const isDefault = true;

// commander hands a word that names no command to the default command: it is refused with a suggestion.
export const args = z.array(z.string()).optional().describe(argument({ name: 'command', description: 'a command name (see Commands)' }));

export const options = z.object(globalFlags);

type Props = { args: z.infer<typeof args>; options: z.infer<typeof options> };

export default function Dashboard({ args: words, options }: Props) {
  return (
    <Command
      flags={options}
      drawsOnTerminal
      run={async (run) => {
        const { dashboardRun } = await import('../command-runs/dashboard-run.js');
        return dashboardRun(run, words ?? []);
      }}
    />
  );
}
