// The same diff for two DATs held in memory or read from files, without a catalogue.
import type { ChangeDetails, StoredRom, VersionedGame } from '@rommer/store';
import { parseDat } from '../parse-dat.js';
import { diffGames } from './diff-games.js';
import { gameContent, normaliseRom, type RomLike } from './game-content.js';
import { romChanges } from './rom-changes.js';

export interface GameLike {
  name: string;
  roms: readonly RomLike[];
}

/** What changed from one version of a DAT's games to the next (rules: see diffGames). */
export function diffDats(before: Iterable<GameLike>, after: Iterable<GameLike>): ChangeDetails {
  const roms = [new Map<string, StoredRom[]>(), new Map<string, StoredRom[]>()] as const;
  const games: VersionedGame[] = [];
  const collect = (list: Iterable<GameLike>, old: boolean): void => {
    const byName = roms[old ? 0 : 1];
    for (const game of list) {
      const normalised = game.roms.map(normaliseRom);
      games.push({ name: game.name, old, content: gameContent(normalised) });
      byName.set(game.name, [...(byName.get(game.name) ?? []), ...normalised]);
    }
  };
  collect(before, true);
  collect(after, false);
  games.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const diff = diffGames(games);
  return {
    added: diff.added,
    removed: diff.removed,
    renamed: diff.renamed,
    changed: diff.changed.map((game) => ({ game, roms: romChanges(roms[0].get(game) ?? [], roms[1].get(game) ?? []) })),
  };
}

/** Reads two DAT files (any format rommer reads) and diffs them; both are held in memory. */
export async function diffDatFiles(before: string, after: string, options: { signal?: AbortSignal } = {}): Promise<ChangeDetails> {
  const read = async (file: string): Promise<GameLike[]> => {
    const games: GameLike[] = [];
    await parseDat(file, { ...options, onGame: (game) => void games.push({ name: game.name, roms: game.roms }) });
    return games;
  };
  return diffDats(await read(before), await read(after));
}
