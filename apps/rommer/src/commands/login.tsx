import { argument, option } from 'pastel';
import { z } from 'zod';
import { RunCommand } from '../ui/run-command.js';

export const description = "Store a source's password in the OS keyring (prompts; reads stdin when it is not a terminal)";

// Permissive here; the service validates (usage errors end with exit 2).
export const args = z.array(z.string()).describe(argument({ name: 'source', description: 'the source, e.g. redump' }));

export const options = z.object({
  username: z
    .string()
    .optional()
    .describe(option({ description: 'The account name (default: username in sources.conf)', valueDescription: 'name' })),
  config: z
    .string()
    .optional()
    .describe(option({ description: 'Read this sources.conf instead of ~/.config/rommer/sources.conf', valueDescription: 'file' })),
  dataDir: z
    .string()
    .optional()
    .describe(option({ description: 'Accepted for symmetry with the other commands; nothing is written there', valueDescription: 'dir' })),
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
