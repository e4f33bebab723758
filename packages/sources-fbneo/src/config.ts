import { sourceConfigSchema } from '@rommer/core';
import { z } from 'zod';

/** `[sources.fbneo]` in sources.conf. */
export const configSchema = sourceConfigSchema({
  repo: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'expected "owner/name"')
    .default('libretro/FBNeo'),
  ref: z.string().min(1).default('master'),
  paths: z.array(z.string().min(1)).min(1).default(['dats']),
});

export type FbneoConfig = z.output<typeof configSchema>;
