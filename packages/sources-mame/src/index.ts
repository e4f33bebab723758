import { NotAvailableError, type Source, type SourceInfo } from '@rommer/core';
import { configSchema, type MameConfig } from './config.js';

export const info: SourceInfo = {
  id: 'mame',
  title: 'MAME',
  homepage: 'https://www.mamedev.org/release.html',
  defaultEnabled: false,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'github-release',
  downloads: 'latest GitHub release asset mameNNNNlx.zip (ListXML)',
};

const notYet = () => Promise.reject(new NotAvailableError('mame: this source is not available in this build of rommer yet'));

/** Declares identity only until its transport lands. */
export const mameSource: Source<MameConfig> = {
  info,
  configSchema,
  availability: { available: false, reason: 'not available in this build yet' },
  check: notYet,
  fetch: notYet,
};

export { configSchema, type MameConfig };
