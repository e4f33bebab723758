import { sourceConfigSchema } from '@rommer/core';
import { z } from 'zod';

/** `[sources.libretro]` in sources.conf. */
export const configSchema = sourceConfigSchema({
  repo: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'expected "owner/name"')
    .default('libretro/libretro-database'),
  ref: z.string().min(1).default('master'),
  paths: z
    .array(z.string().min(1))
    .min(1)
    .default(['dat', 'metadat/no-intro', 'metadat/redump', 'metadat/tosec']),
});

export type LibretroConfig = z.output<typeof configSchema>;
