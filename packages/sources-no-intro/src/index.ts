import { NotAvailableError, type Source, type SourceInfo } from '@rommer/core';
import { configSchema, type NoIntroConfig } from './config.js';

export const info: SourceInfo = {
  id: 'no-intro',
  title: 'No-Intro',
  homepage: 'https://datomatic.no-intro.org',
  defaultEnabled: true,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'web-form',
  downloads: 'DAT-o-MATIC daily pack (zip)',
};

const notYet = () => Promise.reject(new NotAvailableError('no-intro: this source is not available in this build of rommer yet'));

/** Declares identity only until its transport lands. */
export const noIntroSource: Source<NoIntroConfig> = {
  info,
  configSchema,
  availability: { available: false, reason: 'not available in this build yet' },
  check: notYet,
  fetch: notYet,
};

export { configSchema, type NoIntroConfig };
