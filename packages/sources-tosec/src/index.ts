import type { Source, SourceInfo } from '@rommer/core';
import { configSchema, defaultDownloadsUrl, type TosecConfig } from './config.js';
import { tosecImportFilter } from './tosec-import-filter.js';

const info: SourceInfo = {
  id: 'tosec',
  title: 'TOSEC',
  homepage: 'https://www.tosecdev.org',
  defaultEnabled: true,
  defaultAutoImport: false,
  needsCredentials: false,
  transport: 'http-pack',
  downloads: 'newest release pack (zip, about 100 MB)',
};

/** TOSEC: the newest dated release pack from tosecdev.org, kept whole; `import_paths` narrows imports. */
export const tosecSource: Source<TosecConfig> = {
  info,
  configSchema,
  acceptsFromFile: true,
  // The scraper (and the HTML parser with it) loads on the first check, not when the app registers sources.
  check: async (ctx) => (await import('./tosec-source.js')).checkTosec(ctx),
  fetch: async (ctx) => (await import('./tosec-source.js')).fetchTosec(ctx),
  importFilter: tosecImportFilter,
};

export { configSchema, defaultDownloadsUrl, type TosecConfig };
