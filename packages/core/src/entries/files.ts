// @rommer/core/files: walking and hashing staged files (node built-ins only).
export { listFilesRecursive } from '../update/changed-files.js';
export { hashFile, type HashFileOptions } from '../hash-file.js';
