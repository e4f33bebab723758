import { sourceConfigSchema } from '@rommer/core';
import { z } from 'zod';

/** DAT-o-MATIC, where the daily form lives when `url` is not set. */
export const defaultDatomaticUrl = 'https://datomatic.no-intro.org';

/** `[sources.no-intro]` in sources.conf. */
export const configSchema = sourceConfigSchema({
  /** "datomatic": the daily-pack form on DAT-o-MATIC (`url`); "mirror": a pack zip at `mirror_url`. */
  mode: z.enum(['datomatic', 'mirror']).default('datomatic'),
  /** The URL of a daily pack zip (a community mirror or your own copy); used when mode = "mirror". */
  mirror_url: z.string().min(1).optional(),
  /** Optional sets to tick on the daily form, matched against the option labels (for example "aftermarket"). */
  include: z.array(z.string().min(1)).default([]),
  /** Seconds to wait between submitting the daily form and pressing its download button. */
  step_delay: z.number().min(0).max(60).default(3),
  /** Days a DAT held but missing from a new pack is kept (DAT-o-MATIC drops DATs while they are edited). */
  missing_grace_days: z.number().int().min(0).max(365).default(7),
});

export type NoIntroConfig = z.output<typeof configSchema>;
