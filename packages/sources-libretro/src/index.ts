import { NotAvailableError, type Source, type SourceInfo } from '@rommer/core';
import { configSchema, type LibretroConfig } from './config.js';

export const info: SourceInfo = {
  id: 'libretro',
  title: 'libretro-database',
  homepage: 'https://github.com/libretro/libretro-database',
  defaultEnabled: false,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'github-tree',
  downloads: 'ClrMamePro DATs from the repository (per-file)',
};

const notYet = () => Promise.reject(new NotAvailableError('libretro: this source is not available in this build of rommer yet'));

/** Declares identity only until its transport lands. */
export const libretroSource: Source<LibretroConfig> = {
  info,
  configSchema,
  availability: { available: false, reason: 'not available in this build yet' },
  check: notYet,
  fetch: notYet,
};

export { configSchema, type LibretroConfig };
