import type { ParseDatResult } from './parse-stream.js';
import type { DatFormat, DatGame, DatHeader } from './types.js';

/** Games per message: large enough to amortise messaging, small enough to stay a few MB. */
export const BATCH_GAMES = 512;
/** Batches the parser may run ahead of the writer. */
export const MAX_UNREAD_BATCHES = 8;

export interface WorkerInput {
  file: string;
  /** Int32[2]: batches the writer has consumed, batches the parser has posted. */
  consumed: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'header'; header: DatHeader; format: DatFormat }
  | { type: 'games'; games: DatGame[] }
  | { type: 'packed'; packed: string }
  | { type: 'bytes'; bytes: number }
  | { type: 'done'; result: ParseDatResult }
  | { type: 'error'; message: string; datFormat: boolean; line?: number };

// Games cross to the writing thread as one string per batch: copying a string is a memcpy, while
// structured-cloning thousands of small objects costs the (busier) writing thread about half again.
const SEP = '\u001f';
const NULL = '\u0000';

function field(value: string | null): string {
  return value === null ? NULL : value;
}

function fromField(value: string | undefined): string | null {
  return value === NULL || value === undefined ? null : value;
}

/** One string for a batch of games, or null when a value holds the separator characters. */
export function packGames(games: DatGame[]): string | null {
  const parts: string[] = [];
  for (const g of games) {
    parts.push('G', g.name, field(g.description), field(g.year), field(g.manufacturer), field(g.cloneOf), field(g.romOf), g.isBios ? '1' : '0', g.isDevice ? '1' : '0');
    for (const r of g.roms) {
      parts.push('R', r.name, r.size === null ? NULL : String(r.size), field(r.crc), field(r.md5), field(r.sha1), field(r.sha256), field(r.status), field(r.merge), field(r.serial));
    }
    for (const d of g.disks) parts.push('D', d.name, field(d.md5), field(d.sha1), field(d.status), field(d.merge));
  }
  for (const part of parts) {
    // Values with control characters this encoding uses are rare enough to send as objects.
    if (part.length > 0 && (part.includes(SEP) || (part.includes(NULL) && part !== NULL))) return null;
  }
  return parts.join(SEP);
}

/** The games packGames packed. */
export function unpackGames(packed: string): DatGame[] {
  if (packed === '') return [];
  const t = packed.split(SEP);
  const games: DatGame[] = [];
  let game: DatGame | undefined;
  for (let i = 0; i < t.length; ) {
    const kind = t[i];
    if (kind === 'G') {
      game = {
        name: t[i + 1]!,
        description: fromField(t[i + 2]),
        year: fromField(t[i + 3]),
        manufacturer: fromField(t[i + 4]),
        cloneOf: fromField(t[i + 5]),
        romOf: fromField(t[i + 6]),
        isBios: t[i + 7] === '1',
        isDevice: t[i + 8] === '1',
        roms: [],
        disks: [],
      };
      games.push(game);
      i += 9;
    } else if (kind === 'R') {
      const size = t[i + 2];
      game!.roms.push({
        name: t[i + 1]!,
        size: size === NULL || size === undefined ? null : Number(size),
        crc: fromField(t[i + 3]),
        md5: fromField(t[i + 4]),
        sha1: fromField(t[i + 5]),
        sha256: fromField(t[i + 6]),
        status: fromField(t[i + 7]),
        merge: fromField(t[i + 8]),
        serial: fromField(t[i + 9]),
      });
      i += 10;
    } else if (kind === 'D') {
      game!.disks.push({ name: t[i + 1]!, md5: fromField(t[i + 2]), sha1: fromField(t[i + 3]), status: fromField(t[i + 4]), merge: fromField(t[i + 5]) });
      i += 6;
    } else {
      throw new Error(`packed games: unexpected record "${kind}"`);
    }
  }
  return games;
}
