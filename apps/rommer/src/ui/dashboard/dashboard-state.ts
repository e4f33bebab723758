import type { Key } from 'ink';
import type { SourceRow } from '../../services/source-rows.js';
import { initialListState, listCommandFor, reduceList, rowsAfterRun, selectionOf, type ListState } from './list-state.js';
import type { RunOptions } from './progress-model.js';
import type { RunOutcome } from './use-run.js';

/**
 * The dashboard's screens and what moves between them, as one pure reducer. Keys can arrive
 * faster than React re-subscribes its handlers (tmux, a paste), so every key goes through here
 * and always meets the latest state.
 */
export type Screen =
  | { name: 'list' }
  | { name: 'run'; selection: string[]; options: RunOptions; id: number }
  /** `details`: the warnings and whole failure messages are shown (`w`). */
  | { name: 'summary'; outcome: RunOutcome; pick: number; details: boolean }
  /** One source's change list, opened from the summary (lines null while loading). */
  | { name: 'changes'; outcome: RunOutcome; pick: number; source: string; lines: string[] | null; error: string | null; scroll: number }
  /** The scan view (scan-view.tsx): it takes its own keys and leaves with 'scan-closed'. */
  | { name: 'scan' };

export interface DashboardState {
  rows: SourceRow[];
  list: ListState;
  screen: Screen;
  /** The last run's exit code; 0 before any run. */
  exitCode: number;
  /** Set when the user quits: the code to exit with. */
  quit: number | null;
  /** When the list was last drawn, for "2 days ago". */
  now: number;
  runs: number;
}

export type DashboardAction =
  | { type: 'key'; input: string; key: Key; now: number }
  | { type: 'ended'; outcome: RunOutcome; now: number }
  | { type: 'changes-loaded'; source: string; lines: string[] }
  | { type: 'changes-failed'; source: string; error: string }
  | { type: 'scan-closed'; now: number };

/** The sources of a run whose imports recorded change sets, in summary order. */
export function sourcesWithChanges(outcome: RunOutcome): string[] {
  return outcome.results.filter((result) => result.changes.dats > 0).map((result) => result.id);
}

/** Whether the summary has more to show under `w`: warnings, or why a source failed or was skipped. */
export function hasDetails(outcome: RunOutcome): boolean {
  return outcome.results.some((result) => result.warnings.length > 0 || result.error !== null);
}

/** Lines of the change list scrolled per page. */
export const CHANGES_PAGE = 10;

export function initialDashboardState(rows: SourceRow[], options: RunOptions, now: number): DashboardState {
  return { rows, list: initialListState(rows, options), screen: { name: 'list' }, exitCode: 0, quit: null, now, runs: 0 };
}

export function reduceDashboard(state: DashboardState, action: DashboardAction): DashboardState {
  if (state.quit !== null) return state;
  if (action.type === 'ended') {
    return {
      ...state,
      exitCode: action.outcome.exitCode,
      rows: rowsAfterRun(state.rows, action.outcome.results, action.now),
      screen: { name: 'summary', outcome: action.outcome, pick: 0, details: false },
      now: action.now,
    };
  }
  if (action.type === 'changes-loaded' || action.type === 'changes-failed') {
    const screen = state.screen;
    if (screen.name !== 'changes' || screen.source !== action.source) return state;
    return action.type === 'changes-loaded'
      ? { ...state, screen: { ...screen, lines: action.lines } }
      : { ...state, screen: { ...screen, lines: [], error: action.error } };
  }
  if (action.type === 'scan-closed') return { ...state, screen: { name: 'list' }, now: action.now };
  const { input, key, now } = action;
  switch (state.screen.name) {
    case 'list': {
      if (input === 's' && !key.ctrl && !key.meta) return { ...state, screen: { name: 'scan' } };
      const command = listCommandFor(input, key);
      if (command === null) return state;
      if (command === 'quit') return { ...state, quit: state.exitCode };
      if (command === 'start') {
        const selection = selectionOf(state.list, state.rows);
        if (selection.length === 0) {
          return {
            ...state,
            list: { ...state.list, notice: 'Nothing selected: space selects the source under the cursor, a selects all.' },
          };
        }
        const runs = state.runs + 1;
        return { ...state, runs, screen: { name: 'run', selection, options: state.list.options, id: runs } };
      }
      return { ...state, list: reduceList(state.list, command, state.rows), now };
    }
    case 'run':
    case 'scan':
      // The run and scan views handle their own keys; nothing else is taken while they show.
      return state;
    case 'summary': {
      const screen = state.screen;
      const changed = sourcesWithChanges(screen.outcome);
      if (key.return || input === 'b') return { ...state, screen: { name: 'list' }, now };
      if (input === 'q' || key.escape || (key.ctrl && input === 'c')) return { ...state, quit: state.exitCode };
      if (input === 'w' && hasDetails(screen.outcome)) return { ...state, screen: { ...screen, details: !screen.details } };
      if (changed.length === 0) return state;
      if (key.upArrow || input === 'k') return { ...state, screen: { ...screen, pick: (screen.pick + changed.length - 1) % changed.length } };
      if (key.downArrow || input === 'j') return { ...state, screen: { ...screen, pick: (screen.pick + 1) % changed.length } };
      if (input === 'c') {
        const source = changed[Math.min(screen.pick, changed.length - 1)]!;
        return { ...state, screen: { name: 'changes', outcome: screen.outcome, pick: screen.pick, source, lines: null, error: null, scroll: 0 } };
      }
      return state;
    }
    case 'changes': {
      const screen = state.screen;
      if (key.return || input === 'b' || key.escape) return { ...state, screen: { name: 'summary', outcome: screen.outcome, pick: screen.pick, details: false } };
      if (input === 'q' || (key.ctrl && input === 'c')) return { ...state, quit: state.exitCode };
      const last = Math.max(0, (screen.lines?.length ?? 0) - 1);
      const step = key.upArrow || input === 'k' ? -1 : key.downArrow || input === 'j' ? 1 : key.pageUp ? -CHANGES_PAGE : key.pageDown || input === ' ' ? CHANGES_PAGE : 0;
      if (step === 0) return state;
      return { ...state, screen: { ...screen, scroll: Math.max(0, Math.min(last, screen.scroll + step)) } };
    }
  }
}
