import type { VersionedGame } from '@rommer/store';

/** The game-level result of comparing two versions (changed games by name only). */
export interface GameDiff {
  added: string[];
  removed: string[];
  renamed: { from: string; to: string }[];
  changed: string[];
}

/** A name's content in one version; a name entered twice is the multiset of its entries. */
function combined(contents: string[]): string {
  if (contents.length === 1) return contents[0]!;
  return contents.every((content) => content === '') ? '' : [...contents].sort().join('+');
}

/**
 * Compares two versions of a DAT given as one stream of games ordered by name (a name's entries
 * together): a game is known by its name, its content is its ROM multiset.
 * - renamed: a name only in the old and a name only in the new with the same non-empty content,
 *   paired one to one in name order (so a content's renames are the smaller of its two counts);
 * - added / removed: the other names only in the new / only in the old;
 * - changed: a name in both whose content differs.
 * Memory grows with the differences, not with the DAT.
 */
export function diffGames(games: Iterable<VersionedGame>): GameDiff {
  const onlyOld: { name: string; content: string }[] = [];
  const onlyNew: { name: string; content: string }[] = [];
  const changed: string[] = [];
  let name: string | undefined;
  let before: string[] = [];
  let after: string[] = [];
  const flush = (): void => {
    if (name === undefined) return;
    if (before.length > 0 && after.length > 0) {
      if (combined(before) !== combined(after)) changed.push(name);
    } else if (before.length > 0) onlyOld.push({ name, content: combined(before) });
    else onlyNew.push({ name, content: combined(after) });
  };
  for (const game of games) {
    if (game.name !== name) {
      flush();
      name = game.name;
      before = [];
      after = [];
    }
    (game.old ? before : after).push(game.content);
  }
  flush();

  const newByContent = new Map<string, string[]>();
  for (const game of onlyNew) {
    if (game.content === '') continue;
    const names = newByContent.get(game.content);
    if (names === undefined) newByContent.set(game.content, [game.name]);
    else names.push(game.name);
  }
  const renamed: GameDiff['renamed'] = [];
  const renamedTo = new Set<string>();
  const removed: string[] = [];
  for (const game of onlyOld) {
    const target = game.content === '' ? undefined : newByContent.get(game.content)?.shift();
    if (target === undefined) removed.push(game.name);
    else {
      renamed.push({ from: game.name, to: target });
      renamedTo.add(target);
    }
  }
  const added = onlyNew.filter((game) => !renamedTo.has(game.name)).map((game) => game.name);
  return { added, removed, renamed, changed };
}
