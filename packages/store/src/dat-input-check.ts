// What both engines' writers refuse before writing anything, so a bad input fails the same way
// (and at the same call) on SQLite and on PostgreSQL, where rows reach the server in batches.
import { StoreError } from './errors.js';
import type { DatInput, GameInput } from './types.js';

const FORMATS = new Set(['logiqx', 'listxml', 'clrmamepro']);

export function checkDat(location: string, dat: DatInput): void {
  const problem =
    typeof dat.path !== 'string' || dat.path === ''
      ? 'its path is empty'
      : !FORMATS.has(dat.format)
        ? `unknown format ${JSON.stringify(dat.format)}`
        : !Number.isSafeInteger(dat.size) || dat.size < 0
          ? `its size ${String(dat.size)} is not a byte count`
          : typeof dat.sha1 !== 'string' || !/^[0-9a-fA-F]{40}$/.test(dat.sha1)
            ? `its SHA-1 ${JSON.stringify(dat.sha1)} is not 40 hex digits`
            : undefined;
  if (problem !== undefined) throw new StoreError(`${location}: cannot import DAT ${JSON.stringify(dat.path)}: ${problem}`);
}

/** The game's problem in words, or undefined when it can be stored. `index` counts from 1. */
export function gameProblem(game: GameInput, index: number): string | undefined {
  if (typeof game.name !== 'string') return `game ${index} has no name`;
  for (let r = 0; r < game.roms.length; r++) {
    if (typeof game.roms[r]!.name !== 'string') return `ROM ${r + 1} has no name`;
  }
  for (let d = 0; d < game.disks.length; d++) {
    if (typeof game.disks[d]!.name !== 'string') return `disk ${d + 1} has no name`;
  }
  return undefined;
}
