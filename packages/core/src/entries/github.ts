// @rommer/core/github: the GitHub API client and the tree-sync source shape (fbneo, libretro).
export {
  GitHubClient,
  GitHubRateLimitError,
  type GitHubClientOptions,
  type GitHubAsset,
  type GitHubRelease,
} from '../transport/github.js';
export { githubTreeSource, type GitHubTreeSourceConfig } from '../transport/github-tree-sync.js';
