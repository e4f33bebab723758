// @rommer/sources-no-intro — No-Intro's DATs: the DAT-o-MATIC daily pack, a mirror of it, or a
// pack the user downloaded. The app registers `noIntroSource`.
export { noIntroSource } from './no-intro-source.js';
export { configSchema, type NoIntroConfig } from './config.js';
export { defaultDatomaticUrl } from './datomatic-page.js';
