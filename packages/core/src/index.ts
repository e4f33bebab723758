export * from './errors.js';
export { resolvePaths, type RommerPaths, type PathOverrides } from './paths.js';
export {
  defaultsSchema,
  commonSourceKeys,
  sourceConfigSchema,
  type ResolvedDefaults,
  type CommonSourceConfig,
} from './config/schema.js';
export { loadConfig, type RommerConfig, type SourceSettings } from './config/load.js';
export { locateTomlPath } from './config/toml-locate.js';
export type * from './source.js';
export type * from './events.js';
export type * from './ports.js';
export { SourceRegistry, createSourceRegistry } from './registry.js';
export { rommerVersion, userAgent } from './version.js';
export {
  HttpClient,
  type HttpClientOptions,
  type RequestOptions,
  type TextResponse,
  type HttpResponseInfo,
  type DownloadOptions,
  type DownloadProgress,
  type DownloadResult,
} from './transport/http-client.js';
export { displayUrl, isTransient } from './transport/http-errors.js';
export { filenameFromContentDisposition } from './transport/content-disposition.js';
export { CookieJar } from 'tough-cookie';
export { parseHtmlPage, type HtmlPage, type HtmlLink, type HtmlFormData } from './transport/html-page.js';
export { runUpdate, selectSources, type UpdateOptions, type UpdateSummary } from './update/run-update.js';
export { acquireUpdateLock } from './update/lock.js';
export { listFilesRecursive, hashFile } from './update/changed-files.js';
export {
  pageStyleRules,
  isVisible,
  formControls,
  isSubmitControl,
  visibleSubmitControls,
  controlLabel,
  formSubmission,
  type StyleRule,
  type FormSubmissionOptions,
  type FormSubmission,
} from './transport/html-form.js';
export { gitRemoteHead, syncShallowClone, toGitUrl, type GitOptions } from './transport/git.js';
export {
  GitHubClient,
  GitHubRateLimitError,
  encodePath,
  githubApiVersion,
  type GitHubClientOptions,
  type GitHubAsset,
  type GitHubRelease,
  type GitHubTree,
  type GitHubTreeEntry,
} from './transport/github.js';
export { gitBlobSha1, gitBlobSha1OfBytes } from './transport/github-blob.js';
export {
  listTreeFiles,
  checkGitHubTree,
  fetchGitHubTree,
  githubTreeSource,
  treeSyncStateSchema,
  type GitHubTreeSourceConfig,
  type TreeSyncOptions,
  type TreeSyncState,
  type TreeFile,
  type TreeListing,
} from './transport/github-tree-sync.js';
export * from './credentials/index.js';
