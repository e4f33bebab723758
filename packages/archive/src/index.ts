// @rommer/archive — safe zip and 7z reading. Only what callers need is exported; the format
// readers, staging and checks stay private.
export { detectArchiveFormat, assertArchive, type ArchiveFormat } from './detect-format.js';
export { listArchive, type ListOptions } from './list-archive.js';
export { extractArchive, type ExtractOptions, type ExtractResult } from './extract-archive.js';
export { openArchiveEntry, type OpenEntryOptions } from './open-entry.js';
export { defaultArchiveLimits, type ArchiveLimits } from './limits.js';
export type { ArchiveEntry } from './entry-model.js';
export type { ExtractProgress } from './progress.js';
export { ArchiveError } from './errors.js';
