// Have/missing per DAT from the set of catalogue ROMs a scan found.
import type { CatalogueLookup, DatRecord, DatRomRow } from '@rommer/store';
import type { DatSummary } from './types.js';

/**
 * A ROM the DAT itself marks as not dumped, or gives no hash for, can never be found: it does not
 * count against its game.
 */
export function isFindable(rom: Pick<DatRomRow, 'status' | 'crc' | 'sha1' | 'md5' | 'sha256'>): boolean {
  if (rom.status === 'nodump') return false;
  return rom.crc !== null || rom.sha1 !== null || rom.md5 !== null || rom.sha256 !== null;
}

/** One game of a DAT with its findable ROMs and which of them were found. */
export interface GameStatus {
  gameId: number;
  name: string;
  roms: DatRomRow[];
  found: DatRomRow[];
}

/** The games of one DAT that have findable ROMs, in DAT order, with what was found of each. */
export async function gamesOfDat(lookup: CatalogueLookup, datId: number, found: ReadonlySet<number>): Promise<GameStatus[]> {
  const games = new Map<number, GameStatus>();
  for (const rom of await lookup.romsOfDat(datId)) {
    if (!isFindable(rom)) continue;
    let game = games.get(rom.gameId);
    if (game === undefined) {
      game = { gameId: rom.gameId, name: rom.gameName, roms: [], found: [] };
      games.set(rom.gameId, game);
    }
    game.roms.push(rom);
    if (found.has(rom.romId)) game.found.push(rom);
  }
  return [...games.values()];
}

/**
 * `have` = games with every findable ROM found, `missing` = games with none of them found,
 * `total` = games in the DAT. A game with no findable ROM (disks only, all "nodump") is neither:
 * it is in `total` only, as is a game found in part. Counted in SQL plus the games found, so a
 * summary of a DAT of 300k ROMs does not list them (the report does).
 */
export async function summariseDat(
  lookup: CatalogueLookup,
  dat: DatRecord,
  foundByGame: ReadonlyMap<number, ReadonlySet<number>>,
): Promise<DatSummary> {
  let have = 0;
  let touched = 0;
  for (const [gameId, roms] of foundByGame) {
    touched++;
    if (roms.size >= (await lookup.findableRomCount(gameId))) have++;
  }
  const missing = Math.max(0, (await lookup.findableGameCount(dat.id)) - touched);
  return { path: dat.path, name: dat.name, source: dat.source, version: dat.version, have, missing, total: dat.games };
}

/** The same counts from games already listed (the report lists them anyway). */
export function summaryFromGames(dat: DatRecord, games: readonly GameStatus[]): DatSummary {
  let have = 0;
  let missing = 0;
  for (const game of games) {
    if (game.found.length === game.roms.length) have++;
    else if (game.found.length === 0) missing++;
  }
  return { path: dat.path, name: dat.name, source: dat.source, version: dat.version, have, missing, total: dat.games };
}
