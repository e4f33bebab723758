import type { z } from 'zod';
import { credentialArgs, credentialOptions } from '../command-runs/credential-flags.js';
import { Command } from '../runtime/command.js';

export const description = "Store a source's password in the OS keyring (prompts; reads stdin when it is not a terminal), e.g. `rommer login redump`";

export const args = credentialArgs;

export const options = credentialOptions;

type Props = { args: z.infer<typeof args>; options: z.infer<typeof options> };

export default function Login({ args: sources, options }: Props) {
  return (
    <Command
      flags={options}
      run={async (_run, flags) => {
        const { runLoginCommand } = await import('../services/login-command.js');
        return runLoginCommand(sources, flags);
      }}
    />
  );
}
