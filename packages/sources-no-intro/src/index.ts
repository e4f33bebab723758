// @rommer/sources-no-intro — No-Intro's DATs: the DAT-o-MATIC daily pack, a mirror of it, or a
// pack the user downloaded. The app registers `noIntroSource`.
import type { Source, SourceInfo } from '@rommer/core';
import { configSchema, defaultDatomaticUrl, type NoIntroConfig } from './config.js';

const info: SourceInfo = {
  id: 'no-intro',
  title: 'No-Intro',
  homepage: 'https://datomatic.no-intro.org',
  defaultEnabled: true,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'web-form',
  downloads: 'DAT-o-MATIC daily pack (zip), a mirror of it, or a pack you downloaded',
};

/** No-Intro: the DAT-o-MATIC daily pack, a mirror of it, or a pack the user downloaded (`--from-file`). */
export const noIntroSource: Source<NoIntroConfig> = {
  info,
  configSchema,
  acceptsFromFile: true,
  // The form flow (and the HTML parser with it) loads on the first check, not when the app registers sources.
  check: async (ctx) => (await import('./no-intro-source.js')).checkNoIntro(ctx),
  fetch: async (ctx) => (await import('./no-intro-source.js')).fetchNoIntro(ctx),
};

export { configSchema, defaultDatomaticUrl, type NoIntroConfig };
