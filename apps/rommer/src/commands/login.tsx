import { argument, option } from 'pastel';
import { z } from 'zod';
import { configOption, dataDirOption } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description = "Store a source's password in the OS keyring (prompts; reads stdin when it is not a terminal)";

// Permissive here; the service validates (usage errors end with exit 2).
export const args = z.array(z.string()).describe(argument({ name: 'source', description: 'the source, e.g. redump' }));

export const options = z.object({
  username: z
    .string()
    .optional()
    .describe(option({ description: 'The account name (default: username in sources.conf)', valueDescription: 'name' })),
  config: configOption,
  dataDir: dataDirOption('Accepted for symmetry with the other commands; nothing is written there'),
});

type Props = { args: z.infer<typeof args>; options: z.infer<typeof options> };

export default function Login({ args: sources, options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runLoginCommand } = await import('../services/login-command.js');
        return runLoginCommand(sources, flags);
      }}
    />
  );
}
