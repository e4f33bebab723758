import { sourceConfigSchema } from '@rommer/core';
import { z } from 'zod';

/** `[sources.mame]` in sources.conf. */
export const configSchema = sourceConfigSchema({
  repo: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'expected "owner/name"')
    .default('mamedev/mame'),
});

export type MameConfig = z.output<typeof configSchema>;
