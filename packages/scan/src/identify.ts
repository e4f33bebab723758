// Turns hashed files into identified ones and keeps the tally a summary needs: which catalogue
// ROMs were found, and in which DATs. The scan and the report share it, so both say the same.
import type { CatalogueLookup, DatRecord, ScanFileInput } from '@rommer/store';
import { matchFile } from './matcher.js';
import { summariseDat } from './summarise.js';
import type { DatSummary, FileMatch, ScannedFile } from './types.js';

export class Identifier {
  readonly found = new Set<number>();
  /** Per DAT, per game: the ROM ids found. */
  readonly #foundByDat = new Map<number, Map<number, Set<number>>>();
  readonly #dats: Map<number, DatRecord>;
  readonly #selection: ReadonlySet<number> | null;

  /**
   * `dats`: the catalogue's DATs; `selection`: the ids of the DATs to match against (all when
   * null), which are then summarised even when nothing matched them.
   */
  constructor(
    readonly lookup: CatalogueLookup,
    dats: readonly DatRecord[],
    selection: readonly DatRecord[] | null = null,
  ) {
    this.#dats = new Map(dats.map((dat) => [dat.id, dat]));
    this.#selection = selection === null ? null : new Set(selection.map((dat) => dat.id));
  }

  async #hits(file: ScanFileInput) {
    const selection = this.#selection;
    const hits = await matchFile(this.lookup, file);
    return selection === null ? hits : hits.filter((hit) => selection.has(hit.datId));
  }

  /** Whether a ROM of this size and CRC-32 is in the DATs matched against (quick mode's test). */
  async knowsCrc(size: number, crc: string): Promise<boolean> {
    return (await this.#hits({ entry: null, size, crc, sha1: null, md5: null, sha256: null, header: null })).length > 0;
  }

  async identify(path: string, file: ScanFileInput): Promise<ScannedFile> {
    const matches: FileMatch[] = [];
    for (const hit of await this.#hits(file)) {
      this.found.add(hit.romId);
      let games = this.#foundByDat.get(hit.datId);
      if (games === undefined) this.#foundByDat.set(hit.datId, (games = new Map()));
      let roms = games.get(hit.gameId);
      if (roms === undefined) games.set(hit.gameId, (roms = new Set()));
      roms.add(hit.romId);
      const dat = this.#dats.get(hit.datId);
      matches.push({
        source: dat?.source ?? null,
        dat: dat?.name ?? dat?.path ?? String(hit.datId),
        datVersion: dat?.version ?? null,
        game: hit.gameName,
        rom: hit.name,
      });
    }
    return { path, entry: file.entry, size: file.size, crc: file.crc, sha1: file.sha1, header: (file.header?.kind ?? null) as ScannedFile['header'], matches };
  }

  /** The DATs to report: those selected, or else those with at least one match; by path. */
  reportedDats(): DatRecord[] {
    const ids = this.#selection ?? this.#foundByDat.keys();
    return [...ids].flatMap((id) => this.#dats.get(id) ?? []).sort((a, b) => a.path.localeCompare(b.path));
  }

  async summary(): Promise<DatSummary[]> {
    const summaries: DatSummary[] = [];
    for (const dat of this.reportedDats()) summaries.push(await summariseDat(this.lookup, dat, this.#foundByDat.get(dat.id) ?? new Map()));
    return summaries;
  }
}
