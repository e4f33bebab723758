import type { z } from 'zod';
import { credentialArgs, credentialOptions } from '../command-options.js';
import { RunCommand } from '../ui/run-command.js';

export const description = "Remove a source's password from the OS keyring";

export const args = credentialArgs;

export const options = credentialOptions;

type Props = { args: z.infer<typeof args>; options: z.infer<typeof options> };

export default function Logout({ args: sources, options: flags }: Props) {
  return (
    <RunCommand
      run={async () => {
        const { runLogoutCommand } = await import('../services/login-command.js');
        return runLogoutCommand(sources, flags);
      }}
    />
  );
}
