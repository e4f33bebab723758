import { useStdin } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { SourceRow } from '../../services/source-rows.js';
import { LiveRun } from './live-run.js';
import type { RunOptions } from './progress-model.js';
import { SummaryView } from './summary-view.js';
import { useTerminalSize } from './terminal-size.js';
import type { RunOutcome, StartRun } from './use-run.js';

export interface LiveUpdateProps {
  rows: SourceRow[];
  selection: string[];
  options: RunOptions;
  start: StartRun;
  onExit: (code: number) => void;
}

/** `rommer update` on a terminal: the live rows, then the summary, then back to the shell. No questions. */
export function LiveUpdate({ rows, selection, options, start, onExit }: LiveUpdateProps) {
  const { columns, rows: height } = useTerminalSize();
  const { isRawModeSupported } = useStdin();
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const titles = useMemo(() => new Map(rows.map((row) => [row.id, row.title])), [rows]);

  // Exit after the summary has been committed, so that it is the frame left on the screen.
  useEffect(() => {
    if (outcome !== null) onExit(outcome.exitCode);
  }, [outcome, onExit]);

  if (outcome === null) {
    return (
      <LiveRun
        rows={rows}
        selection={selection}
        options={options}
        start={start}
        onEnd={setOutcome}
        width={columns}
        height={height}
        keys={isRawModeSupported === true ? 'self' : 'none'}
      />
    );
  }
  return (
    <SummaryView
      results={outcome.results}
      durationMs={outcome.durationMs}
      titles={titles}
      dryRun={outcome.options.dryRun}
      stopped={outcome.stopped}
      width={columns}
      keys={false}
      details
    />
  );
}
