import { describe, expect, it } from 'vitest';
import { noKey } from './key-chunks.js';
import { initialListState, listCommandFor, reduceList, rowsAfterRun, selectionOf } from './list-state.js';
import { result } from './test-support/results.js';
import { NOW, sampleRows } from './test-support/rows.js';

const rows = sampleRows();

describe('the source list state', () => {
  it('starts from the enabled sources, and never with both dry run and force', () => {
    const state = initialListState(rows, { import: true, dryRun: true, force: true });
    expect([...state.selected]).toEqual(['opengood', 'tosec']);
    expect(state.options).toEqual({ import: true, dryRun: true, force: false });
  });

  it('moves round the ends, toggles, selects all and none, keeping list order in the selection', () => {
    let state = initialListState(rows, { import: false, dryRun: false, force: false });
    state = reduceList(state, 'up', rows);
    expect(state.cursor).toBe(2);
    state = reduceList(state, 'toggle', rows);
    expect(selectionOf(state, rows)).toEqual(['opengood', 'tosec', 'redump']);
    state = reduceList(state, 'down', rows);
    expect(state.cursor).toBe(0);
    state = reduceList(state, 'toggle', rows);
    expect(selectionOf(state, rows)).toEqual(['tosec', 'redump']);
    expect(selectionOf(reduceList(state, 'none', rows), rows)).toEqual([]);
    expect(selectionOf(reduceList(state, 'all', rows), rows)).toEqual(['opengood', 'tosec', 'redump']);
  });

  it('maps keys to commands', () => {
    expect(listCommandFor('', { ...noKey, downArrow: true })).toBe('down');
    expect(listCommandFor('k', noKey)).toBe('up');
    expect(listCommandFor(' ', noKey)).toBe('toggle');
    expect(listCommandFor('', { ...noKey, return: true })).toBe('start');
    expect(listCommandFor('', { ...noKey, escape: true })).toBe('quit');
    expect(listCommandFor('c', { ...noKey, ctrl: true })).toBe('quit');
    expect(listCommandFor('?', noKey)).toBe('keys');
    expect(listCommandFor('z', noKey)).toBeNull();
  });

  it('shows what a run left held: the new version for updated sources, the rest as they were', () => {
    const after = rowsAfterRun(
      rows,
      [result('tosec', 'updated', { version: '2026-10-31' }), result('opengood', 'failed', { error: 'x' })],
      NOW,
    );
    expect(after.find((row) => row.id === 'tosec')).toMatchObject({ heldVersion: '2026-10-31', lastUpdated: NOW / 1000 });
    expect(after.find((row) => row.id === 'opengood')).toEqual(rows[0]);
  });
});
