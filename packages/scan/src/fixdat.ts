// A fixdat: a Logiqx DAT of the games of one DAT that the last scan did not find in full, each
// with only the ROMs still missing, for igir, clrmamepro or RomVault to hunt down.
import type { DatRecord, DatRomRow } from '@rommer/store';
import type { GameStatus } from './summarise.js';

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const attr = (name: string, value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : ` ${name}="${escapeXml(String(value))}"`;
const element = (indent: string, name: string, value: string | null | undefined) =>
  value === null || value === undefined || value === '' ? '' : `${indent}<${name}>${escapeXml(value)}</${name}>\n`;

export interface FixdatOptions {
  /** When the scan the fixdat reflects ran. */
  scannedAt: Date;
  /** Today, for the header's date. */
  now?: Date;
}

/** The games a fixdat lists: found in part or not at all, with the ROMs not found. */
export function missingGames(games: readonly GameStatus[]): { game: GameStatus; missing: DatRomRow[] }[] {
  return games
    .filter((game) => game.found.length < game.roms.length)
    .map((game) => {
      const found = new Set(game.found.map((rom) => rom.romId));
      return { game, missing: game.roms.filter((rom) => !found.has(rom.romId)) };
    });
}

export function writeFixdat(dat: DatRecord, games: readonly GameStatus[], options: FixdatOptions): string {
  const name = dat.name ?? dat.path;
  const version = dat.version ?? 'unknown';
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const missing = missingGames(games);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<!DOCTYPE datafile PUBLIC "-//Logiqx//DTD ROM Management Datafile//EN" "http://www.logiqx.com/Dats/datafile.dtd">\n',
    '<datafile>\n',
    '\t<header>\n',
    element('\t\t', 'name', `${name} (fixdat)`),
    element('\t\t', 'description', `${name} (${version}): ${missing.length} games not found`),
    element('\t\t', 'version', version),
    element('\t\t', 'date', today),
    element('\t\t', 'author', 'rommer'),
    element('\t\t', 'comment', `fixdat of ${name} version ${version} (${dat.path}) from the scan of ${options.scannedAt.toISOString()}`),
    '\t</header>\n',
  ];
  for (const { game, missing: roms } of missing) {
    const first = roms[0]!;
    out.push(`\t<game${attr('name', game.name)}${attr('cloneof', first.cloneOf)}${attr('romof', first.romOf)}${first.isBios ? ' isbios="yes"' : ''}>\n`);
    out.push(element('\t\t', 'description', first.gameDescription ?? game.name));
    for (const rom of roms) {
      out.push(
        `\t\t<rom${attr('name', rom.name)}${attr('size', rom.size)}${attr('crc', rom.crc)}${attr('md5', rom.md5)}${attr('sha1', rom.sha1)}${attr('sha256', rom.sha256)}${attr('status', rom.status)}/>\n`,
      );
    }
    out.push('\t</game>\n');
  }
  out.push('</datafile>\n');
  return out.join('');
}
