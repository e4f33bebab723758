import type { SourceResult } from '@rommer/core';
import type { Key } from 'ink';
import type { SourceRow } from '../../services/source-rows.js';
import type { RunOptions } from './progress-model.js';

/** What the source list shows and the keys change: plain state and a pure reducer. */
export interface ListState {
  cursor: number;
  selected: ReadonlySet<string>;
  options: RunOptions;
  showKeys: boolean;
  notice: string | null;
}

export type ListAction = 'up' | 'down' | 'toggle' | 'all' | 'none' | 'import' | 'dryRun' | 'force' | 'keys';

/** The initial selection is what sources.conf enables. */
export function initialListState(rows: readonly SourceRow[], options: RunOptions): ListState {
  return {
    cursor: 0,
    selected: new Set(rows.filter((row) => row.enabled).map((row) => row.id)),
    options: options.dryRun && options.force ? { ...options, force: false } : options,
    showKeys: false,
    notice: null,
  };
}

export function reduceList(state: ListState, action: ListAction, rows: readonly SourceRow[]): ListState {
  const next = { ...state, notice: null };
  const last = Math.max(0, rows.length - 1);
  switch (action) {
    case 'up':
      return { ...next, cursor: state.cursor <= 0 ? last : state.cursor - 1 };
    case 'down':
      return { ...next, cursor: state.cursor >= last ? 0 : state.cursor + 1 };
    case 'toggle': {
      const row = rows[state.cursor];
      if (row === undefined) return next;
      const selected = new Set(state.selected);
      if (selected.has(row.id)) selected.delete(row.id);
      else selected.add(row.id);
      return { ...next, selected };
    }
    case 'all':
      return { ...next, selected: new Set(rows.map((row) => row.id)) };
    case 'none':
      return { ...next, selected: new Set() };
    case 'import':
      return { ...next, options: { ...state.options, import: !state.options.import } };
    // A dry run downloads nothing, so it cannot be forced: turning one on turns the other off.
    case 'dryRun': {
      const dryRun = !state.options.dryRun;
      const clash = dryRun && state.options.force;
      return {
        ...next,
        options: { ...state.options, dryRun, force: clash ? false : state.options.force },
        notice: clash ? 'dry run on: force is off (a dry run downloads nothing)' : null,
      };
    }
    case 'force': {
      const force = !state.options.force;
      const clash = force && state.options.dryRun;
      return {
        ...next,
        options: { ...state.options, force, dryRun: clash ? false : state.options.dryRun },
        notice: clash ? 'force on: dry run is off' : null,
      };
    }
    case 'keys':
      return { ...next, showKeys: !state.showKeys };
  }
}

/** The selected ids in list order (the registry's order), as the run takes them. */
export function selectionOf(state: ListState, rows: readonly SourceRow[]): string[] {
  return rows.filter((row) => state.selected.has(row.id)).map((row) => row.id);
}

export type ListCommand = ListAction | 'start' | 'quit';

/** Maps a key press on the list to what it does; null for keys it ignores. */
export function listCommandFor(input: string, key: Key): ListCommand | null {
  if (key.upArrow || input === 'k') return 'up';
  if (key.downArrow || input === 'j') return 'down';
  if (key.return) return 'start';
  if (key.escape || input === 'q' || (key.ctrl && input === 'c')) return 'quit';
  switch (input) {
    case ' ':
      return 'toggle';
    case 'a':
      return 'all';
    case 'n':
      return 'none';
    case 'i':
      return 'import';
    case 'd':
      return 'dryRun';
    case 'f':
      return 'force';
    case '?':
      return 'keys';
    default:
      return null;
  }
}

/** After a run, the list shows what is held now without reading the ledger again. */
export function rowsAfterRun(rows: readonly SourceRow[], results: readonly SourceResult[], nowMs: number): SourceRow[] {
  const byId = new Map(results.map((result) => [result.id, result]));
  return rows.map((row) => {
    const result = byId.get(row.id);
    if (result?.status !== 'updated' || result.version === null) return row;
    return { ...row, heldVersion: result.version, lastUpdated: Math.floor(nowMs / 1000), lastError: null };
  });
}
