import { sourceConfigSchema } from '@rommer/core';
import { z } from 'zod';

export const defaultSiteUrl = 'https://redump.info';

/** `[sources.redump]` in sources.conf. */
export const configSchema = sourceConfigSchema({
  /** System codes to fetch (all listed on the downloads page when empty). */
  systems: z.array(z.string().min(1)).default([]),
  forum_url: z.string().min(1).default('https://forum.redump.info'),
  username: z.string().optional(),
  /** Works, with a warning: prefer `rommer login redump` (the OS keyring). */
  password: z.string().optional(),
  /** Extra DATs listed on the downloads page: "bios" fetches the BIOS datfiles too. */
  include: z.array(z.enum(['bios'])).default([]),
  /** Seconds to wait between two downloads (the site is small). */
  delay: z.number().min(0).max(60).default(2),
});

export type RedumpConfig = z.output<typeof configSchema>;
