import type { SourceResult, UpdateEvent } from '@rommer/core';
import { useInput, useStdin } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { SourceRow } from '../../services/source-rows.js';
import { ChangesView } from './changes-view.js';
import { initialDashboardState, reduceDashboard, sourcesWithChanges } from './dashboard-state.js';
import { splitKeys } from './key-chunks.js';
import { LiveRun } from './live-run.js';
import type { RunOptions } from './progress-model.js';
import { SourceList } from './source-list.js';
import { ScanView, type ScanKeyHandler, type StartScan } from './scan-view.js';
import { SummaryView } from './summary-view.js';
import { useTerminalSize } from './terminal-size.js';
import type { RunOutcome } from './use-run.js';

/** What the dashboard's caller runs when Enter is pressed. */
export type StartSelection = (
  selection: string[],
  options: RunOptions,
  onEvent: (event: UpdateEvent) => void,
  signal: AbortSignal,
) => Promise<{ sources: SourceResult[]; durationMs: number }>;

export interface DashboardProps {
  rows: SourceRow[];
  initialOptions: RunOptions;
  start: StartSelection;
  /** The scan view's folders (sources.conf [scan] paths) and how to scan one. */
  scan?: { paths: string[]; start: StartScan };
  /** Called once, when the user quits; the code is the last run's (0 when nothing ran). */
  onExit: (code: number) => void;
  /** One source's change list as lines (what `rommer changes --source <id>` prints); none: not offered. */
  loadChanges?: (source: string) => Promise<string[]>;
}

/** `rommer` on a terminal: choose sources, watch them update, read the summary, go again or quit. */
export function Dashboard({ rows, initialOptions, start, scan, onExit, loadChanges }: DashboardProps) {
  const [state, dispatch] = useReducer(reduceDashboard, undefined, () =>
    initialDashboardState(rows, initialOptions, Date.now()),
  );
  const { columns, rows: height } = useTerminalSize();
  const { isRawModeSupported } = useStdin();
  // Raw mode only where stdin is a terminal (see STACK.md): Ink reports undefined otherwise.
  const interactive = isRawModeSupported === true;
  const { screen } = state;

  // One key handler for the dashboard's whole life: raw mode stays on between screens.
  const cancelRun = useRef<(() => void) | null>(null);
  const scanKeys = useRef<ScanKeyHandler | null>(null);
  useInput(
    (chunk, chunkKey) => {
      // Every key of the chunk: fast typing, a paste or a slow link deliver several in one read.
      for (const { input, key } of splitKeys(chunk, chunkKey)) {
        if (key.ctrl && input === 'c' && cancelRun.current !== null) cancelRun.current();
        else if (scanKeys.current !== null) scanKeys.current(input, key);
        else dispatch({ type: 'key', input, key, now: Date.now() });
      }
    },
    { isActive: interactive },
  );
  useEffect(() => {
    if (state.quit !== null) onExit(state.quit);
  }, [state.quit, onExit]);

  const loading = screen.name === 'changes' && screen.lines === null ? screen.source : null;
  useEffect(() => {
    if (loading === null || loadChanges === undefined) return;
    loadChanges(loading).then(
      (lines) => dispatch({ type: 'changes-loaded', source: loading, lines }),
      (error: unknown) => dispatch({ type: 'changes-failed', source: loading, error: error instanceof Error ? error.message : String(error) }),
    );
  }, [loading, loadChanges]);

  const closeScan = useCallback(() => dispatch({ type: 'scan-closed', now: Date.now() }), []);
  const onEnd = useCallback((outcome: RunOutcome) => dispatch({ type: 'ended', outcome, now: Date.now() }), []);
  const titles = useMemo(() => new Map(state.rows.map((row) => [row.id, row.title])), [state.rows]);

  switch (screen.name) {
    case 'list':
      return (
        <SourceList
          rows={state.rows}
          cursor={state.list.cursor}
          selected={state.list.selected}
          options={state.list.options}
          width={columns}
          now={state.now}
          showKeys={state.list.showKeys}
          notice={state.list.notice}
        />
      );
    case 'run':
      return (
        <LiveRun
          key={screen.id}
          rows={state.rows}
          selection={screen.selection}
          options={screen.options}
          start={(onEvent, signal) => start(screen.selection, screen.options, onEvent, signal)}
          onEnd={onEnd}
          width={columns}
          height={height}
          keys={cancelRun}
        />
      );
    case 'scan':
      return (
        <ScanView
          paths={scan?.paths ?? []}
          start={scan?.start ?? noScan}
          width={columns}
          keys={scanKeys}
          onClose={closeScan}
        />
      );
    case 'summary': {
      const changed = loadChanges === undefined ? [] : sourcesWithChanges(screen.outcome);
      return (
        <SummaryView
          results={screen.outcome.results}
          durationMs={screen.outcome.durationMs}
          titles={titles}
          dryRun={screen.outcome.options.dryRun}
          stopped={screen.outcome.stopped}
          width={columns}
          keys={interactive}
          changesOf={changed[Math.min(screen.pick, changed.length - 1)] ?? null}
          changedSources={changed.length}
          details={screen.details}
        />
      );
    }
    case 'changes':
      return (
        <ChangesView
          source={screen.source}
          title={titles.get(screen.source) ?? ''}
          lines={screen.lines}
          error={screen.error}
          scroll={screen.scroll}
          width={columns}
          height={height}
        />
      );
  }
}

const noScan: StartScan = () => Promise.reject(new Error('scanning is not available here'));
