import { NotAvailableError, type Source, type SourceInfo } from '@rommer/core';
import { configSchema, type OpengoodConfig } from './config.js';

export const info: SourceInfo = {
  id: 'opengood',
  title: 'OpenGood',
  homepage: 'https://github.com/SnowflakePowered/opengood',
  defaultEnabled: true,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'git',
  downloads: 'git repository of Logiqx DATs (shallow clone)',
};

const notYet = () => Promise.reject(new NotAvailableError('opengood: this source is not available in this build of rommer yet'));

/** Declares identity only until its transport lands. */
export const opengoodSource: Source<OpengoodConfig> = {
  info,
  configSchema,
  availability: { available: false, reason: 'not available in this build yet' },
  check: notYet,
  fetch: notYet,
};

export { configSchema, type OpengoodConfig };
