import type { Source, SourceInfo } from '@rommer/core';
import { configSchema, type MameConfig } from './config.js';

const info: SourceInfo = {
  id: 'mame',
  title: 'MAME',
  homepage: 'https://www.mamedev.org/release.html',
  defaultEnabled: false,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'github-release',
  downloads: 'latest GitHub release asset mameNNNNlx.zip (ListXML)',
};

/** MAME's ListXML from the latest GitHub release. Off by default (arcade-focused, large). */
export const mameSource: Source<MameConfig> = {
  info,
  configSchema,
  // The GitHub client and the archive reader load when a run reaches this source, not when the app registers sources.
  check: async (ctx) => (await import('./mame-source.js')).checkMame(ctx),
  fetch: async (ctx) => (await import('./mame-source.js')).fetchMame(ctx),
};

export { configSchema, type MameConfig };
