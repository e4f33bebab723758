import type { Source, SourceInfo } from '@rommer/core';
import { configSchema, type TosecConfig } from './config.js';
import { tosecImportFilter } from './tosec-import-filter.js';
import { checkTosec, fetchTosec } from './tosec-source.js';

export const info: SourceInfo = {
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
  availability: { available: true },
  acceptsFromFile: true,
  check: checkTosec,
  fetch: fetchTosec,
  importFilter: tosecImportFilter,
};

export { configSchema, type TosecConfig };
export { checkTosec, fetchTosec, defaultDownloadsUrl, type TosecRemoteDetails } from './tosec-source.js';
export { listReleases, newestRelease, type TosecRelease } from './tosec-downloads-page.js';
export { findPackLink, packDate, type TosecPackLink } from './tosec-category-page.js';
export { tosecImportFilter, selectImportFiles } from './tosec-import-filter.js';
