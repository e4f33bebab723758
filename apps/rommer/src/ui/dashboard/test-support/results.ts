import type { SourceResult } from '@rommer/core';

/** A SourceResult with plain defaults, for tests. */
export function result(id: string, status: SourceResult['status'], fields: Partial<SourceResult> = {}): SourceResult {
  return {
    id,
    status,
    version: null,
    previousVersion: null,
    files: 0,
    changedFiles: 0,
    transferredBytes: 0,
    imported: { dats: 0, games: 0, roms: 0 },
    changes: { dats: 0, added: 0, removed: 0, renamed: 0, changed: 0 },
    error: null,
    warnings: [],
    durationMs: 0,
    ...fields,
  };
}
