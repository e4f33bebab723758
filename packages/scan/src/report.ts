// The report of the last scan: its files identified again against the catalogue as it is now
// (a DAT imported since counts), have/missing per DAT, and each game's state.
import type { DatRecord, ScanRunRecord, Store } from '@rommer/store';
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

/** null when no scan has finished yet. `dats` narrows the report to those DATs (listed even when nothing matched). */
export async function buildReport(store: Store, options: { dats?: readonly DatRecord[] } = {}): Promise<ScanReport | null> {
  const run = store.scan.lastRun();
  if (run === null) return null;
  const identifier = new Identifier(store.scan, store.scan.dats(), options.dats ?? null);
  let matched = 0;
  let files = 0;
  for (const row of store.scan.filesOfRun(run.id)) {
    files++;
    if (identifier.identify(row.path, row).matches.length > 0) matched++;
  }
  const dats = identifier.reportedDats().map((dat): DatReport => {
    const statuses = gamesOfDat(store.scan, dat.id, identifier.found);
    const found = (game: GameStatus) => new Set(game.found.map((rom) => rom.romId));
    return {
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
    };
  });
  return { run, files, matched, unknown: files - matched, dats };
}
