import type { z } from 'zod';
import { credentialArgs, credentialOptions } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description = "Store a source's password in the OS keyring (prompts; reads stdin when it is not a terminal)";

export const args = credentialArgs;

export const options = credentialOptions;

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
