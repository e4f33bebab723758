import type { Source, SourceInfo } from '@rommer/core';
import { configSchema, type FbneoConfig } from './config.js';

const info: SourceInfo = {
  id: 'fbneo',
  title: 'FinalBurn Neo',
  homepage: 'https://github.com/libretro/FBNeo',
  defaultEnabled: false,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'github-tree',
  downloads: 'Logiqx DATs from the repository (per-file)',
};

/**
 * FBNeo's DATs from GitHub, file by file (core's tree sync): one tree call tells what changed,
 * raw downloads fetch only those files, each verified against its blob sha; files keep their
 * repository paths under `<data>/dats/fbneo/`.
 */
export const fbneoSource: Source<FbneoConfig> = {
  info,
  configSchema,
  // The tree sync (got, the GitHub client) loads when a run reaches this source, not when the app registers sources.
  check: async (ctx) => (await treeSource()).check(ctx),
  fetch: async (ctx) => (await treeSource()).fetch(ctx),
};

async function treeSource(): Promise<Source<FbneoConfig>> {
  return (await import('@rommer/core/github')).githubTreeSource(info, configSchema);
}

export { configSchema, type FbneoConfig };
