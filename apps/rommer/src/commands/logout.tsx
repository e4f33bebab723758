import type { z } from 'zod';
import { credentialArgs, credentialOptions } from '../command-runs/credential-flags.js';
import { Command } from '../runtime/command.js';

export const description = "Remove a source's password from the OS keyring, e.g. `rommer logout redump --username me`";

export const args = credentialArgs;

export const options = credentialOptions;

type Props = { args: z.infer<typeof args>; options: z.infer<typeof options> };

export default function Logout({ args: sources, options }: Props) {
  return (
    <Command
      flags={options}
      run={async (_run, flags) => {
        const { runLogoutCommand } = await import('../services/login-command.js');
        return runLogoutCommand(sources, flags);
      }}
    />
  );
}
