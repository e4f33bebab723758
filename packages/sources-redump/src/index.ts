import { NotAvailableError, type Source, type SourceInfo } from '@rommer/core';
import { configSchema, type RedumpConfig } from './config.js';

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

const notYet = () => Promise.reject(new NotAvailableError('redump: this source is not available in this build of rommer yet'));

/** Declares identity only until its transport lands. */
export const redumpSource: Source<RedumpConfig> = {
  info,
  configSchema,
  availability: { available: false, reason: 'not available in this build yet' },
  check: notYet,
  fetch: notYet,
};

export { configSchema, type RedumpConfig };
