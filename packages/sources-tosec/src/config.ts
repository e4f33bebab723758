import { sourceConfigSchema } from '@rommer/core';
import { z } from 'zod';

export const defaultDownloadsUrl = 'https://www.tosecdev.org/downloads';

/** `[sources.tosec]` in sources.conf. */
export const configSchema = sourceConfigSchema({
  /** Globs (relative to the release folder) that --import takes, e.g. "TOSEC/Commodore Amiga*". */
  import_paths: z.array(z.string().min(1)).default([]),
});

export type TosecConfig = z.output<typeof configSchema>;
