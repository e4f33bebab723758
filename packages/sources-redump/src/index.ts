import type { Source, SourceInfo } from '@rommer/core';
import { configSchema, defaultSiteUrl, type RedumpConfig } from './config.js';

const info: SourceInfo = {
  id: 'redump',
  title: 'Redump',
  homepage: 'https://redump.info',
  defaultEnabled: false,
  defaultAutoImport: true,
  needsCredentials: true,
  transport: 'http-files',
  downloads: 'one zipped Logiqx DAT per system',
};

/** Redump: one zipped DAT per system from redump.info; gated systems need a forum login. */
export const redumpSource: Source<RedumpConfig> = {
  info,
  configSchema,
  // The scraper (and the HTML parser with it) loads on the first check, not when the app registers sources.
  check: async (ctx) => (await import('./redump-source.js')).checkRedump(ctx),
  fetch: async (ctx) => (await import('./redump-source.js')).fetchRedump(ctx),
};

export { configSchema, defaultSiteUrl, type RedumpConfig };
