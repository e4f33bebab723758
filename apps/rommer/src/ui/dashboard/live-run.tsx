import { useInput } from 'ink';
import { useEffect, type RefObject } from 'react';
import { splitKeys } from './key-chunks.js';
import type { RunOptions } from './progress-model.js';
import { RunView } from './run-view.js';
import { useRun, type RunOutcome, type StartRun } from './use-run.js';

export interface LiveRunProps {
  rows: ReadonlyArray<{ id: string; title: string }>;
  selection: readonly string[];
  options: RunOptions;
  start: StartRun;
  onEnd: (outcome: RunOutcome) => void;
  width: number;
  height: number;
  /**
   * Who reads ctrl-c as a key: 'self' when stdin is a terminal and nobody else listens; a ref when
   * the parent keeps one key handler for its whole life (the dashboard: switching raw mode off and
   * on between screens would drop keys typed in between); 'none' when stdin is not a terminal
   * (ctrl-c is then SIGINT, which the run handles).
   */
  keys: 'self' | 'none' | RefObject<(() => void) | null>;
}

/** The run view wired to a run: shared by the dashboard and `rommer update`. */
export function LiveRun({ rows, selection, options, start, onEnd, width, height, keys }: LiveRunProps) {
  const run = useRun({ sources: rows, selection, options, start, onEnd });
  const { requestCancel } = run;
  useInput(
    (chunk, chunkKey) => {
      for (const { input, key } of splitKeys(chunk, chunkKey)) if (key.ctrl && input === 'c') requestCancel();
    },
    { isActive: keys === 'self' },
  );
  useEffect(() => {
    if (typeof keys === 'string') return;
    keys.current = requestCancel;
    return () => {
      keys.current = null;
    };
  }, [keys, requestCancel]);
  // Rows take one or two lines each; the log gets what is left of the screen, up to eight lines.
  const used = 5 + run.model.order.length * (width >= 80 ? 2 : 1);
  const logLines = Math.max(0, Math.min(8, height - used - 2));
  return <RunView model={run.model} now={run.now} width={width} cancel={run.cancel} logLines={logLines} />;
}
