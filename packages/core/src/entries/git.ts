// @rommer/core/git: shallow clones and remote heads (simple-git).
export { gitRemoteHead, syncShallowClone, type GitOptions } from '../transport/git.js';
