import { sourceConfigSchema } from '@rommer/core';
import { z } from 'zod';

/** `[sources.opengood]` in sources.conf. */
export const configSchema = sourceConfigSchema({
  /** Branch or tag to follow; the remote's default branch when absent. */
  ref: z.string().min(1).optional(),
});

export type OpengoodConfig = z.output<typeof configSchema>;
