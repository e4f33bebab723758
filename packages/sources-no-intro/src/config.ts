import { sourceConfigSchema } from '@rommer/core';
import { z } from 'zod';

/** `[sources.no-intro]` in sources.conf. */
export const configSchema = sourceConfigSchema({
  mode: z.enum(['datomatic', 'mirror']).default('datomatic'),
  mirror_url: z.string().min(1).optional(),
  /** Optional sets to tick on the daily form (for example "aftermarket"). */
  include: z.array(z.string().min(1)).default([]),
});

export type NoIntroConfig = z.output<typeof configSchema>;
