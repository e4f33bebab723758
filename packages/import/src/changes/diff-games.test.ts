import type { VersionedGame } from '@rommer/store';
import { describe, expect, it } from 'vitest';
import { diffGames } from './diff-games.js';

/** Both versions as the store streams them: ordered by name. */
function versions(before: Record<string, string | string[]>, after: Record<string, string | string[]>): VersionedGame[] {
  const rows: VersionedGame[] = [];
  const add = (games: Record<string, string | string[]>, old: boolean) => {
    for (const [name, content] of Object.entries(games)) {
      for (const one of Array.isArray(content) ? content : [content]) rows.push({ name, old, content: one });
    }
  };
  add(before, true);
  add(after, false);
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : Number(b.old) - Number(a.old)));
}

describe('diffGames', () => {
  it('finds added, removed and changed games by name', () => {
    const diff = diffGames(versions({ a: 'A', b: 'B', c: 'C' }, { a: 'A', b: 'B2', d: 'D' }));
    expect(diff).toEqual({ added: ['d'], removed: ['c'], renamed: [], changed: ['b'] });
  });

  it('pairs a name only in the old with a name only in the new of the same content as a rename', () => {
    const diff = diffGames(versions({ 'Tetris (W)': 'T', keep: 'K' }, { 'Tetris (World)': 'T', keep: 'K' }));
    expect(diff).toEqual({ added: [], removed: [], renamed: [{ from: 'Tetris (W)', to: 'Tetris (World)' }], changed: [] });
  });

  it('renames one to one: a content gets the smaller of its two counts', () => {
    const diff = diffGames(versions({ a1: 'X', a2: 'X', a3: 'X' }, { b1: 'X', b2: 'X' }));
    expect(diff.renamed).toEqual([
      { from: 'a1', to: 'b1' },
      { from: 'a2', to: 'b2' },
    ]);
    expect(diff.removed).toEqual(['a3']);
    expect(diff.added).toEqual([]);
    const more = diffGames(versions({ a1: 'X' }, { b1: 'X', b2: 'X', b3: 'Y' }));
    expect(more).toEqual({ added: ['b2', 'b3'], removed: [], renamed: [{ from: 'a1', to: 'b1' }], changed: [] });
  });

  it('never pairs games without ROMs', () => {
    expect(diffGames(versions({ old: '' }, { new: '' }))).toEqual({ added: ['new'], removed: ['old'], renamed: [], changed: [] });
  });

  it('a name entered twice is the multiset of its entries, in any order', () => {
    expect(diffGames(versions({ twice: ['A', 'B'] }, { twice: ['B', 'A'] }))).toEqual({ added: [], removed: [], renamed: [], changed: [] });
    expect(diffGames(versions({ twice: ['A', 'B'] }, { twice: 'A' })).changed).toEqual(['twice']);
  });

  it('nothing changed: empty lists', () => {
    expect(diffGames(versions({ a: 'A', b: '' }, { a: 'A', b: '' }))).toEqual({ added: [], removed: [], renamed: [], changed: [] });
  });
});
