export { startMirror, type Mirror, type SiteHandler, type LoggedRequest } from './server.js';
export type { Fault, FaultRule } from './faults.js';
export {
  datomaticSite,
  mountDatomatic,
  defaultSuspendedMessage,
  type DatomaticSite,
  type DatomaticOptions,
  type DatomaticStats,
} from './sites/datomatic.js';
export {
  makeLovePack,
  lovePackFiles,
  lovePackName,
  defaultPackSystems,
  noIntroStyleDat,
  zipBuffer,
  type PackSystem,
  type LovePackOptions,
} from './sites/datomatic-pack.js';
export { createGitRemote, createOpengoodRemote, type GitRemote } from './sites/git-remote.js';
export { fixturesDir } from './fixtures.js';
export { mountGitHub, gitObjectSha, type GitHubSite, type GitHubSiteOptions } from './sites/github.js';
export { mameNames, mameListXml, mameListXmlCounts, mameReleaseZip } from './sites/github-mame-release.js';
export { publishGitHubFixtures, githubFixtureRepos } from './sites/github-fixtures.js';
export { mountTosec, type TosecSite, type TosecCategory } from './sites/tosec.js';
export { zipFiles, tosecStyleDat, tosecPackFiles, type ZipFileSpec } from './sites/tosec-pack.js';
export { mountRedump, redumpStyleDat, type RedumpSite, type RedumpSystem } from './sites/redump.js';
