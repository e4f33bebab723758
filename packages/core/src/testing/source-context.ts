// The test kit for sources (a test-only entry point, `@rommer/core/testing`, never built): the
// context the orchestrator would hand a source, with a real HttpClient and real temp folders.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import type { ResolvedDefaults } from '../config/schema.js';
import type { ProgressUpdate } from '../events.js';
import type { LedgerEntry } from '../ports.js';
import type { FetchContext, RemoteVersion, SourceRunContext } from '../source.js';
import { HttpClient } from '../transport/http-client.js';

export interface SourceContextOptions {
  /** The ledger entry held (an earlier run's version and state). */
  held?: LedgerEntry | undefined;
  /** `[defaults]`; GitHub URLs point at a closed port unless given. */
  defaults?: Partial<ResolvedDefaults>;
  env?: Record<string, string | undefined>;
  /** Cancels the run's signal when aborted. */
  signal?: AbortSignal;
}

export interface SourceTestContext<C> {
  /** The temp folder holding staging/, current/, work/ and cache/. */
  root: string;
  warnings: string[];
  progress: ProgressUpdate[];
  ctx: SourceRunContext<C>;
  fetchCtx(remote: RemoteVersion): FetchContext<C>;
  cleanup(): Promise<void>;
}

/** Builds a source's run context from its config schema and the `[sources.<id>]` table under test. */
export async function makeSourceContext<S extends z.ZodType>(
  configSchema: S,
  config: z.input<S>,
  options: SourceContextOptions = {},
): Promise<SourceTestContext<z.output<S>>> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-source-test-'));
  const dirs = {
    stagingDir: path.join(root, 'staging'),
    currentDir: path.join(root, 'current'),
    workDir: path.join(root, 'work'),
    cacheDir: path.join(root, 'cache'),
  };
  for (const dir of [dirs.stagingDir, dirs.workDir, dirs.cacheDir]) await fs.mkdir(dir, { recursive: true });
  const warnings: string[] = [];
  const progress: ProgressUpdate[] = [];
  const ctx: SourceRunContext<z.output<S>> = {
    config: configSchema.parse(config),
    defaults: { concurrency: 1, github_api: 'http://127.0.0.1:9', github_raw: 'http://127.0.0.1:9', timeout: 5, retries: 1, ...options.defaults },
    held: options.held,
    signal: options.signal ?? new AbortController().signal,
    progress: (update: ProgressUpdate) => progress.push(update),
    warn: (message: string) => warnings.push(message),
    env: options.env ?? {},
    configFile: null,
    http: new HttpClient({ retries: 1, retryDelayMs: 5, timeoutMs: 5000 }),
  };
  return {
    root,
    warnings,
    progress,
    ctx,
    fetchCtx: (remote) => ({ ...ctx, remote, ...dirs }),
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}
