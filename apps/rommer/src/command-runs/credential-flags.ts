import { argument } from 'pastel';
import { z } from 'zod';
import { globalFlags, textFlag } from '../runtime/flags.js';

/** `rommer login` and `rommer logout` take the same argument and flags. */
export const credentialArgs = z.tuple([z.string().describe(argument({ name: 'source', description: 'the source, e.g. redump' }))]);

export const credentialOptions = z.object({
  username: textFlag({ description: 'The account name (default: username in sources.conf)', value: 'name' }),
  ...globalFlags,
});
