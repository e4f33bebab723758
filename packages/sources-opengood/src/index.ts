import fs from 'node:fs/promises';
import path from 'node:path';
import { UpstreamChangedError, type Source, type SourceInfo } from '@rommer/core';
import { configSchema, type OpengoodConfig } from './config.js';

export const defaultUrl = 'https://github.com/SnowflakePowered/opengood.git';

const info: SourceInfo = {
  id: 'opengood',
  title: 'OpenGood',
  homepage: 'https://github.com/SnowflakePowered/opengood',
  defaultEnabled: true,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'git',
  downloads: 'git repository of Logiqx DATs (shallow clone)',
};

/** The DATs live in the repository's `dats/` folder. */
const datFolder = 'dats';

/**
 * OpenGood: a shallow clone kept in the source's cache folder (fetch + reset on later runs);
 * the version is the HEAD commit; `dats/*.dat` are staged flat into `<data>/dats/opengood/`.
 */
export const opengoodSource: Source<OpengoodConfig> = {
  info,
  configSchema,

  async check(ctx) {
    const url = ctx.config.url ?? defaultUrl;
    // git (simple-git) loads when a run reaches this source, not when the app registers sources.
    const { gitRemoteHead } = await import('@rommer/core/git');
    const commit = await gitRemoteHead(url, ctx.config.ref, {
      signal: ctx.signal,
      timeoutMs: ctx.http.timeoutMs,
    });
    return { version: commit, url };
  },

  async fetch(ctx) {
    const url = ctx.config.url ?? defaultUrl;
    const clone = path.join(ctx.cacheDir, 'repo');
    const { syncShallowClone } = await import('@rommer/core/git');
    const commit = await syncShallowClone(url, clone, ctx.config.ref, {
      signal: ctx.signal,
      timeoutMs: ctx.http.timeoutMs,
      onProgress: (e) =>
        ctx.progress({ phase: 'downloading', items: e.processed, totalItems: e.total, message: e.stage }),
    });
    const source = path.join(clone, datFolder);
    const names = await fs.readdir(source).catch(() => {
      throw new UpstreamChangedError(
        `opengood: the repository has no ${datFolder}/ folder any more (${url})`,
      );
    });
    const dats = names.filter((name) => name.toLowerCase().endsWith('.dat')).sort();
    ctx.progress({ phase: 'extracting', items: 0, totalItems: dats.length });
    for (const [i, name] of dats.entries()) {
      await fs.copyFile(path.join(source, name), path.join(ctx.stagingDir, name));
      ctx.progress({ items: i + 1, totalItems: dats.length, item: name });
    }
    return { files: dats, version: commit };
  },
};

export { configSchema, type OpengoodConfig };
