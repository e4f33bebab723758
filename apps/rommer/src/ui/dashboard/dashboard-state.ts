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
  | { name: 'summary'; outcome: RunOutcome };

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
  | { type: 'ended'; outcome: RunOutcome; now: number };

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
      screen: { name: 'summary', outcome: action.outcome },
      now: action.now,
    };
  }
  const { input, key, now } = action;
  switch (state.screen.name) {
    case 'list': {
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
      // The run view handles its own keys (ctrl-c); nothing else is taken while it runs.
      return state;
    case 'summary':
      if (key.return || input === 'b') return { ...state, screen: { name: 'list' }, now };
      if (input === 'q' || key.escape || (key.ctrl && input === 'c')) return { ...state, quit: state.exitCode };
      return state;
  }
}
