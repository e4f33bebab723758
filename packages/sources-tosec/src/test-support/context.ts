import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HttpClient } from '@rommer/core/http';
import type { FetchContext, LedgerEntry, ProgressUpdate, RemoteVersion } from '@rommer/core';
import { configSchema, type TosecConfig } from '../config.js';

/** A hand-built source context with a real HttpClient and real temp folders, as the orchestrator would give. */
export async function makeContext(config: Partial<TosecConfig>, held?: LedgerEntry) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-tosec-'));
  const dirs = { stagingDir: path.join(root, 'staging'), currentDir: path.join(root, 'current'), workDir: path.join(root, 'work'), cacheDir: path.join(root, 'cache') };
  for (const dir of [dirs.stagingDir, dirs.workDir, dirs.cacheDir]) await fs.mkdir(dir, { recursive: true });
  const warnings: string[] = [];
  const progress: ProgressUpdate[] = [];
  const base = {
    config: configSchema.parse(config),
    defaults: { concurrency: 1, github_api: 'http://127.0.0.1:9', github_raw: 'http://127.0.0.1:9', timeout: 5, retries: 1 },
    held,
    signal: new AbortController().signal as AbortSignal,
    progress: (update: ProgressUpdate) => progress.push(update),
    warn: (message: string) => warnings.push(message),
    env: {},
    configFile: null,
    http: new HttpClient({ retries: 1, retryDelayMs: 5, timeoutMs: 5000 }),
  };
  return {
    root,
    warnings,
    progress,
    ctx: base,
    fetchCtx: (remote: RemoteVersion): FetchContext<TosecConfig> => ({ ...base, remote, ...dirs }),
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}
