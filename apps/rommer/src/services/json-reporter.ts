import type { SourceResult, UpdateEvent } from '@rommer/core';

/** The final JSON line's shape (issue contract): one object per source. */
export function summaryJson(results: SourceResult[], durationMs: number) {
  return {
    type: 'summary' as const,
    durationMs,
    sources: results.map((r) => ({
      id: r.id,
      status: r.status,
      version: r.version,
      previousVersion: r.previousVersion,
      files: r.files,
      changedFiles: r.changedFiles,
      transferredBytes: r.transferredBytes,
      ...(r.plannedBytes !== undefined ? { plannedBytes: r.plannedBytes } : {}),
      ...(r.upstreamChanges !== undefined ? { upstreamChanges: r.upstreamChanges } : {}),
      imported: r.imported,
      changes: r.changes,
      error: r.error,
      warnings: r.warnings,
    })),
  };
}

/**
 * JSON lines: every event, with progress thinned to phase changes and at most one line per
 * source every 250 ms (a 300 MB download would otherwise print thousands of lines).
 */
export function createJsonReporter(write: (line: string) => void, now: () => number = Date.now) {
  const last = new Map<string, { phase: string; at: number }>();
  return (event: UpdateEvent): void => {
    if (event.type === 'summary') {
      write(JSON.stringify(summaryJson(event.sources, event.durationMs)));
      return;
    }
    if (event.type === 'progress') {
      const previous = last.get(event.source);
      const t = now();
      if (previous !== undefined && previous.phase === event.phase && t - previous.at < 250) return;
      last.set(event.source, { phase: event.phase, at: t });
    }
    write(JSON.stringify(event));
  };
}
