import type { Source, SourceInfo } from '@rommer/core';
import { configSchema, type RedumpConfig } from './config.js';
import { checkRedump, fetchRedump } from './redump-source.js';

export const info: SourceInfo = {
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
  availability: { available: true },
  check: checkRedump,
  fetch: fetchRedump,
};

export { configSchema, type RedumpConfig };
export {
  checkRedump,
  fetchRedump,
  defaultSiteUrl,
  type RedumpRemoteDetails,
  type RedumpSystemCheck,
  type RedumpSystemState,
} from './redump-source.js';
export { listDatfileLinks, selectSystems, type RedumpDatfileLink } from './redump-downloads-page.js';
export { datfileDate } from './redump-datfile-name.js';
export { loginToForum, loginPageUrl } from './redump-login.js';
