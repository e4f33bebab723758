import type { SourceResult } from '@rommer/core';
import { CANCELLED_EXIT_CODE } from './output.js';

/**
 * The exit code of a finished update: 130 only when the cancel stopped a source (one not started,
 * or rolled back mid-way, says "cancelled"); a run whose every source finished before the signal
 * took effect says how they finished — 1 when one failed, else 0.
 */
export function updateExitCode(results: readonly SourceResult[], cancelled: boolean): number {
  if (cancelled && results.some((result) => result.error === 'cancelled')) return CANCELLED_EXIT_CODE;
  return results.some((result) => result.status === 'failed') ? 1 : 0;
}
