import type { Source, SourceInfo } from '@rommer/core';
import { configSchema, type LibretroConfig } from './config.js';

const info: SourceInfo = {
  id: 'libretro',
  title: 'libretro-database',
  homepage: 'https://github.com/libretro/libretro-database',
  defaultEnabled: false,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'github-tree',
  downloads: 'ClrMamePro DATs from the repository (per-file)',
};

/**
 * libretro-database's DATs from GitHub, file by file (core's tree sync): one tree call tells what changed,
 * raw downloads fetch only those files, each verified against its blob sha; files keep their
 * repository paths under `<data>/dats/libretro/` (the same file name lives in several `metadat/` folders).
 */
export const libretroSource: Source<LibretroConfig> = {
  info,
  configSchema,
  // The tree sync (got, the GitHub client) loads when a run reaches this source, not when the app registers sources.
  check: async (ctx) => (await treeSource()).check(ctx),
  fetch: async (ctx) => (await treeSource()).fetch(ctx),
};

async function treeSource(): Promise<Source<LibretroConfig>> {
  return (await import('@rommer/core/github')).githubTreeSource(info, configSchema);
}

export { configSchema, type LibretroConfig };
