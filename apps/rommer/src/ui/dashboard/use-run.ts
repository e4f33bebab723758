import type { SourceResult, UpdateEvent } from '@rommer/core';
import { describeError, RommerError } from '@rommer/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { humanEvent } from './human-event.js';
import { CANCELLED_EXIT_CODE } from '../../services/output.js';
import { updateExitCode } from '../../services/update-exit-code.js';
import { applyEvent, createRunModel, finishRun, type RunModel, type RunOptions } from './progress-model.js';
import type { CancelState } from './run-view.js';

/** Starts the update with an event listener and a cancel signal; resolves with every source's result. */
export type StartRun = (
  onEvent: (event: UpdateEvent) => void,
  signal: AbortSignal,
) => Promise<{ sources: SourceResult[]; durationMs: number }>;

export interface RunOutcome {
  results: SourceResult[];
  durationMs: number;
  /** Why the run stopped early (cancelled, an error before or around the sources), or null. */
  stopped: string | null;
  exitCode: number;
  /** As the run's start event gave them (a dry run, forced, importing). */
  options: RunOptions;
}


/** Progress events arrive per chunk; the screen is redrawn at most this often for them. */
const REDRAW_MS = 100;
/** The clock (elapsed time, ETAs) moves this often while nothing else happens. */
const TICK_MS = 500;

/**
 * Runs one update for a view: folds its events into a RunModel, redraws at a bounded rate, and
 * turns ctrl-c (a key in raw mode, or SIGINT when stdin is not a terminal) into "ask, then abort".
 */
export function useRun(input: {
  sources: ReadonlyArray<{ id: string; title: string }>;
  selection: readonly string[];
  options: RunOptions;
  start: StartRun;
  onEnd: (outcome: RunOutcome) => void;
}): { model: RunModel; now: number; cancel: CancelState; requestCancel: () => void } {
  const [initial] = useState(() => createRunModel(input.sources, input.selection, input.options, Date.now()));
  const modelRef = useRef(initial);
  const [model, setModel] = useState(initial);
  const [now, setNow] = useState(() => Date.now());
  const [cancel, setCancel] = useState<CancelState>('none');
  const cancelRef = useRef<CancelState>('none');
  const controllerRef = useRef(new AbortController());
  const startRef = useRef(input.start);
  const onEndRef = useRef(input.onEnd);
  onEndRef.current = input.onEnd;

  const requestCancel = useCallback(() => {
    const next: CancelState = cancelRef.current === 'none' ? 'asking' : 'cancelling';
    cancelRef.current = next;
    setCancel(next);
    if (next === 'cancelling') controllerRef.current.abort();
  }, []);

  useEffect(() => {
    let pending: NodeJS.Timeout | undefined;
    let ended = false;
    const flush = () => {
      pending = undefined;
      setModel(modelRef.current);
      setNow(Date.now());
    };
    const onEvent = (event: UpdateEvent) => {
      if (ended) return;
      modelRef.current = applyEvent(modelRef.current, humanEvent(event), Date.now());
      if (event.type !== 'progress') {
        if (pending !== undefined) clearTimeout(pending);
        flush();
      } else if (pending === undefined) {
        pending = setTimeout(flush, REDRAW_MS);
      }
    };
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    // Without raw mode ctrl-c is a signal; with it, the key handler calls requestCancel itself.
    process.on('SIGINT', requestCancel);
    const end = (outcome: Pick<RunOutcome, 'stopped' | 'exitCode'>, finished?: { sources: SourceResult[]; durationMs: number }) => {
      ended = true;
      clearInterval(tick);
      if (pending !== undefined) clearTimeout(pending);
      process.off('SIGINT', requestCancel);
      let final = modelRef.current;
      if (finished !== undefined && final.summary === null) final = { ...final, summary: finished };
      final = finishRun(final, Date.now(), outcome.stopped ?? undefined);
      modelRef.current = final;
      setModel(final);
      setNow(Date.now());
      const summary = final.summary ?? { sources: [], durationMs: 0 };
      onEndRef.current({ ...outcome, results: summary.sources, durationMs: summary.durationMs, options: final.options });
    };
    const { signal } = controllerRef.current;
    startRef.current((event) => onEvent(event), signal).then(
      (finished) => {
        const exitCode = updateExitCode(finished.sources, signal.aborted);
        end(
          {
            stopped: exitCode === CANCELLED_EXIT_CODE ? 'cancelled: the sources not finished keep what they held' : null,
            exitCode,
          },
          finished,
        );
      },
      (error: unknown) => {
        const cancelled = signal.aborted || (error instanceof RommerError && error.code === 'cancelled');
        end({
          stopped: describeError(error),
          exitCode: cancelled ? CANCELLED_EXIT_CODE : error instanceof RommerError ? error.exitCode : 1,
        });
      },
    );
    return () => {
      // Unmounted mid-run (the app is closing): stop the run and the timers.
      if (!ended) controllerRef.current.abort();
      ended = true;
      clearInterval(tick);
      if (pending !== undefined) clearTimeout(pending);
      process.off('SIGINT', requestCancel);
    };
  }, [requestCancel]);

  return { model, now, cancel, requestCancel };
}
