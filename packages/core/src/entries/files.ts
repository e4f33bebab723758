// @rommer/core/files: walking and hashing staged files (node built-ins only).
export { listFilesRecursive, hashFile } from '../update/changed-files.js';
