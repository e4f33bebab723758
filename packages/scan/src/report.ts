// The report of the last scan: its files identified again against the catalogue as it is now
// (a DAT imported since counts), have/missing per DAT, and each game's state.
import type { DatRecord, ScanRunRecord, ScanStore, Store } from '@rommer/store';
import { Identifier } from './identify.js';
import { gamesOfDat, summaryFromGames, type GameStatus } from './summarise.js';
import type { DatSummary } from './types.js';

export type GameState = 'have' | 'partial' | 'missing';

export interface ReportGame {
  name: string;
  state: GameState;
  found: number;
  roms: number;
  /** Names of the ROMs not found. */
  missingRoms: string[];
}

export interface DatReport extends DatSummary {
  games: ReportGame[];
  /** The games with their ROM rows, for a fixdat. */
  statuses: GameStatus[];
}

export interface ScanReport {
  run: ScanRunRecord;
  files: number;
  matched: number;
  unknown: number;
  dats: DatReport[];
}

export function gameState(game: GameStatus): GameState {
  return game.found.length === game.roms.length ? 'have' : game.found.length === 0 ? 'missing' : 'partial';
}

/**
 * null when no scan has finished yet. `dats` narrows the report to those DATs (listed even when
 * nothing matched); `cache` is where the scan kept its hashes (by default the catalogue's own).
 */
export async function buildReport(store: Store, options: { dats?: readonly DatRecord[]; cache?: ScanStore } = {}): Promise<ScanReport | null> {
  const cache = options.cache ?? store.scan;
  const run = cache.lastRun();
  if (run === null) return null;
  const identifier = new Identifier(store.lookup, await store.lookup.dats(), options.dats ?? null);
  let matched = 0;
  let files = 0;
  for (const row of cache.filesOfRun(run.id)) {
    files++;
    if ((await identifier.identify(row.path, row)).matches.length > 0) matched++;
  }
  const dats: DatReport[] = [];
  for (const dat of identifier.reportedDats()) {
    const statuses = await gamesOfDat(store.lookup, dat.id, identifier.found);
    const found = (game: GameStatus) => new Set(game.found.map((rom) => rom.romId));
    dats.push({
      ...summaryFromGames(dat, statuses),
      statuses,
      games: statuses.map((game) => {
        const got = found(game);
        return {
          name: game.name,
          state: gameState(game),
          found: game.found.length,
          roms: game.roms.length,
          missingRoms: game.roms.filter((rom) => !got.has(rom.romId)).map((rom) => rom.name),
        };
      }),
    });
  }
  return { run, files, matched, unknown: files - matched, dats };
}
