import {
  checkGitHubTree,
  fetchGitHubTree,
  type Source,
  type SourceInfo,
  type TreeSyncOptions,
} from '@rommer/core';
import { configSchema, type LibretroConfig } from './config.js';

export const info: SourceInfo = {
  id: 'libretro',
  title: 'libretro-database',
  homepage: 'https://github.com/libretro/libretro-database',
  defaultEnabled: false,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'github-tree',
  downloads: 'ClrMamePro DATs from the repository (per-file)',
};

/** The folders to mirror; files keep their repository paths under `<data>/dats/libretro/`:
 * the same file name lives in several `metadat/` folders, so the folder stays part of the path. */
function treeOptions(config: LibretroConfig): TreeSyncOptions {
  return { repo: config.repo, ref: config.ref, paths: config.paths };
}

function warnUnusedUrl(ctx: { config: LibretroConfig; warn(message: string): void }): void {
  if (ctx.config.url !== undefined) {
    ctx.warn(
      'libretro: [sources.libretro] url is not used; set [defaults] github_api and github_raw to use a mirror',
    );
  }
}

/**
 * libretro-database's DATs from GitHub, file by file: one tree call tells what changed (blob shas), raw
 * downloads fetch only those files, each verified against its blob sha.
 */
export const libretroSource: Source<LibretroConfig> = {
  info,
  configSchema,
  availability: { available: true },
  check(ctx) {
    warnUnusedUrl(ctx);
    return checkGitHubTree(ctx, info.id, treeOptions(ctx.config));
  },
  fetch(ctx) {
    return fetchGitHubTree(ctx, info.id, treeOptions(ctx.config));
  },
};

export { configSchema, type LibretroConfig };
