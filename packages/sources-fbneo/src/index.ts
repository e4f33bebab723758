import { NotAvailableError, type Source, type SourceInfo } from '@rommer/core';
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

const notYet = () => Promise.reject(new NotAvailableError('fbneo: this source is not available in this build of rommer yet'));

/** Declares identity only until its transport lands. */
export const fbneoSource: Source<FbneoConfig> = {
  info,
  configSchema,
  availability: { available: false, reason: 'not available in this build yet' },
  check: notYet,
  fetch: notYet,
};

export { configSchema, type FbneoConfig };
