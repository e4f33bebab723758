// @rommer/sources-no-intro — No-Intro's DATs: the DAT-o-MATIC daily pack, a mirror of it, or a
// pack the user downloaded. The app registers `noIntroSource`; the rest is for reuse and tests.
export { noIntroSource, info, unknownVersion, type PackRoute } from './no-intro-source.js';
export { configSchema, type NoIntroConfig } from './config.js';
export { stagePack, type StagedPack, type StagePackOptions } from './stage-pack.js';
export { packDateFromName, packDateFromDats, parseDatName, systemKey, type DatName } from './pack-version.js';
export { defaultDatomaticUrl, alternativesHint } from './datomatic-page.js';
