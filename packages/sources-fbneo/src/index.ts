import {
  checkGitHubTree,
  fetchGitHubTree,
  type Source,
  type SourceInfo,
  type TreeSyncOptions,
} from '@rommer/core';
import { configSchema, type FbneoConfig } from './config.js';

export const info: SourceInfo = {
  id: 'fbneo',
  title: 'FinalBurn Neo',
  homepage: 'https://github.com/libretro/FBNeo',
  defaultEnabled: false,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'github-tree',
  downloads: 'Logiqx DATs from the repository (per-file)',
};

/** The folders to mirror; files keep their repository paths under `<data>/dats/fbneo/`. */
function treeOptions(config: FbneoConfig): TreeSyncOptions {
  return { repo: config.repo, ref: config.ref, paths: config.paths };
}

function warnUnusedUrl(ctx: { config: FbneoConfig; warn(message: string): void }): void {
  if (ctx.config.url !== undefined) {
    ctx.warn(
      'fbneo: [sources.fbneo] url is not used; set [defaults] github_api and github_raw to use a mirror',
    );
  }
}

/**
 * FBNeo's DATs from GitHub, file by file: one tree call tells what changed (blob shas), raw
 * downloads fetch only those files, each verified against its blob sha.
 */
export const fbneoSource: Source<FbneoConfig> = {
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

export { configSchema, type FbneoConfig };
