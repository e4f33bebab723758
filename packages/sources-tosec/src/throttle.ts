import type { ProgressUpdate } from '@rommer/core';

/**
 * Passes at most one progress update per `intervalMs` (a download reports every chunk; the
 * reporters need a few a second). `flush()` sends the last one held back.
 */
export function throttle(send: (update: ProgressUpdate) => void, intervalMs: number) {
  let last = 0;
  let pending: ProgressUpdate | undefined;
  const report = (update: ProgressUpdate) => {
    const now = Date.now();
    if (now - last >= intervalMs) {
      last = now;
      pending = undefined;
      send(update);
    } else {
      pending = update;
    }
  };
  report.flush = () => {
    if (pending !== undefined) send(pending);
    pending = undefined;
  };
  return report;
}
