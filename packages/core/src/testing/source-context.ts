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
  /** Retries of the HttpClient (1 unless given; 0 to see every request a failure costs). */
  retries?: number;
}

export interface SourceTestContext<C> {
  /** The temp folder holding staging/, current/, work/ and cache/. */
  root: string;
  warnings: string[];
  progress: ProgressUpdate[];
  ctx: SourceRunContext<C>;
  /** This run's staging folder (what fetchCtx hands the source). */
  stagingDir: string;
  fetchCtx(remote: RemoteVersion): FetchContext<C>;
  /** Moves what this run staged into current/, as the orchestrator's folder swap does. */
  promote(): Promise<void>;
  /** The next run's context: the same folders and current/, a fresh staging/ and work/, `held` as given. */
  nextRun(held: LedgerEntry | undefined): Promise<SourceTestContext<C>>;
  cleanup(): Promise<void>;
}

/** Builds a source's run context from its config schema and the `[sources.<id>]` table under test. */
export async function makeSourceContext<S extends z.ZodType>(
  configSchema: S,
  config: z.input<S>,
  options: SourceContextOptions = {},
): Promise<SourceTestContext<z.output<S>>> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-source-test-'));
  return runContext<z.output<S>>(root, 1, configSchema.parse(config), options);
}

async function runContext<C>(root: string, run: number, config: C, options: SourceContextOptions): Promise<SourceTestContext<C>> {
  const suffix = run === 1 ? '' : `-${run}`;
  const dirs = {
    stagingDir: path.join(root, `staging${suffix}`),
    currentDir: path.join(root, 'current'),
    workDir: path.join(root, `work${suffix}`),
    cacheDir: path.join(root, 'cache'),
  };
  for (const dir of [dirs.stagingDir, dirs.workDir, dirs.cacheDir]) await fs.mkdir(dir, { recursive: true });
  const warnings: string[] = [];
  const progress: ProgressUpdate[] = [];
  const retries = options.retries ?? 1;
  const ctx: SourceRunContext<C> = {
    config,
    defaults: { concurrency: 1, github_api: 'http://127.0.0.1:9', github_raw: 'http://127.0.0.1:9', timeout: 5, retries, ...options.defaults },
    held: options.held,
    signal: options.signal ?? new AbortController().signal,
    progress: (update: ProgressUpdate) => progress.push(update),
    warn: (message: string) => warnings.push(message),
    env: options.env ?? {},
    configFile: null,
    http: new HttpClient({ retries, retryDelayMs: 5, timeoutMs: 5000 }),
  };
  return {
    root,
    warnings,
    progress,
    ctx,
    stagingDir: dirs.stagingDir,
    fetchCtx: (remote) => ({ ...ctx, remote, ...dirs }),
    promote: async () => {
      await fs.rm(dirs.currentDir, { recursive: true, force: true });
      await fs.rename(dirs.stagingDir, dirs.currentDir);
    },
    nextRun: (held) => runContext(root, run + 1, config, { ...options, held }),
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}
