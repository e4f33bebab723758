import { z } from 'zod';

/** `[defaults]` in sources.conf. */
export const defaultsSchema = z.strictObject({
  /** Sources updated at the same time. */
  concurrency: z.number().int().min(1).max(16).default(3),
  github_api: z.url().default('https://api.github.com'),
  github_raw: z.url().default('https://raw.githubusercontent.com'),
  /** A GitHub token raises the API limit from 60 to 5,000 calls an hour. `GITHUB_TOKEN` also works. */
  github_token: z.string().min(1).optional(),
  /** Seconds without progress before an HTTP request or a git command is given up. */
  timeout: z.number().positive().max(3600).default(60),
  /** Retries of a transient HTTP failure (connection reset, 5xx, timeout), with backoff. */
  retries: z.number().int().min(0).max(10).default(3),
  /**
   * A shared catalogue on PostgreSQL (`postgresql://user@host:5432/rommer`) instead of the SQLite
   * file in the data folder. `ROMMER_DATABASE_URL` wins over it.
   */
  database_url: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
});

export type ResolvedDefaults = z.output<typeof defaultsSchema>;

/** `[scan]` in sources.conf: the folders the dashboard's scan view offers. */
export const scanSchema = z.strictObject({
  paths: z.array(z.string().min(1)).default([]),
});

/** Keys every `[sources.<id>]` table accepts. */
export const commonSourceKeys = {
  enabled: z.boolean().optional(),
  auto_import: z.boolean().optional(),
  url: z.string().min(1).optional(),
};

/**
 * A source's config schema: the common keys plus its own, strict (unknown keys are errors).
 * Sources call this so every table reports mistakes the same way.
 */
export function sourceConfigSchema<T extends z.ZodRawShape>(extra: T) {
  return z.strictObject({ ...commonSourceKeys, ...extra });
}

export type CommonSourceConfig = {
  enabled?: boolean | undefined;
  auto_import?: boolean | undefined;
  url?: string | undefined;
};
