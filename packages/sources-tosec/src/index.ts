import { NotAvailableError, type Source, type SourceInfo } from '@rommer/core';
import { configSchema, type TosecConfig } from './config.js';

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

const notYet = () => Promise.reject(new NotAvailableError('tosec: this source is not available in this build of rommer yet'));

/** Declares identity only until its transport lands. */
export const tosecSource: Source<TosecConfig> = {
  info,
  configSchema,
  availability: { available: false, reason: 'not available in this build yet' },
  check: notYet,
  fetch: notYet,
};

export { configSchema, type TosecConfig };
