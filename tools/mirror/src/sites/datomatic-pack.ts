import { createHash } from 'node:crypto';
import yazl from 'yazl';

/**
 * A real-shaped No-Intro daily pack ("Love Pack"): folders per set (`No-Intro/`, `Non-Redump/`,
 * `Unofficial/`, optional `Aftermarket/`), Logiqx DATs whose names carry their own timestamps
 * (`Nintendo - Game Boy (20261120-093512).dat`), and an `index.txt`. Small, but laid out as the
 * packs users download, so e2e tests and the demo exercise the same code paths.
 */

export interface PackSystem {
  /** Set folder inside the pack: "No-Intro", "Non-Redump", "Unofficial", "Aftermarket", … */
  folder: string;
  /** "Nintendo - Game Boy" */
  system: string;
  /** The DAT's own timestamp, `YYYYMMDD-HHMMSS`. */
  stamp: string;
  /** Games in the DAT (content changes with the count and the stamp). */
  games?: number;
}

export interface LovePackOptions {
  /** The pack date, `YYYY-MM-DD`. */
  date: string;
  /** The DAT type shown in the file name ("Standard DAT", "P/C XML"). */
  type?: string;
  systems?: PackSystem[];
  /** Include the Aftermarket set (ticked on the daily form). */
  aftermarket?: boolean;
}

/** The systems of a default pack for `date` (YYYY-MM-DD); stamps fall on that day. */
export function defaultPackSystems(date: string): PackSystem[] {
  const day = date.replace(/-/g, '');
  return [
    { folder: 'No-Intro', system: 'Nintendo - Game Boy', stamp: `${day}-093512`, games: 3 },
    { folder: 'No-Intro', system: 'Nintendo - Game Boy Advance', stamp: `${day}-101010`, games: 2 },
    { folder: 'No-Intro', system: 'Sega - Mega Drive - Genesis', stamp: `${day}-070000`, games: 2 },
    { folder: 'Non-Redump', system: 'Non-Redump - Sony - PlayStation', stamp: `${day}-120000`, games: 1 },
    { folder: 'Unofficial', system: 'Unofficial - Nintendo - Game Boy (Translations)', stamp: `${day}-130000`, games: 1 },
  ];
}

export const aftermarketSystem = (date: string): PackSystem => ({
  folder: 'Aftermarket',
  system: 'Nintendo - Game Boy (Aftermarket)',
  stamp: `${date.replace(/-/g, '')}-140000`,
  games: 1,
});

/** `No-Intro Love Pack (Standard DAT) (2026-11-20).zip` */
export function lovePackName(date: string, type = 'Standard DAT'): string {
  return `No-Intro Love Pack (${type}) (${date}).zip`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A small Logiqx DAT in No-Intro's style: header name/description/version = the DAT's timestamp. */
export function noIntroStyleDat(system: string, stamp: string, games = 2): string {
  const lines = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE datafile PUBLIC "-//Logiqx//DTD ROM Management Datafile//EN" "http://www.logiqx.com/dtds/datafile.dtd">',
    '<datafile>',
    '\t<header>',
    `\t\t<name>${escapeXml(system)}</name>`,
    `\t\t<description>${escapeXml(system)}</description>`,
    `\t\t<version>${stamp}</version>`,
    '\t\t<author>No-Intro (mirror imitation)</author>',
    '\t\t<homepage>No-Intro</homepage>',
    '\t\t<url>https://www.no-intro.org</url>',
    '\t</header>',
  ];
  for (let i = 1; i <= games; i += 1) {
    const name = `${system} Game ${i} (World)`;
    const sha1 = createHash('sha1').update(`${system}/${i}`).digest('hex');
    const crc = sha1.slice(0, 8);
    const md5 = createHash('md5').update(`${system}/${i}`).digest('hex');
    lines.push(
      `\t<game name="${escapeXml(name)}">`,
      `\t\t<description>${escapeXml(name)}</description>`,
      `\t\t<rom name="${escapeXml(name)}.bin" size="${1024 * i}" crc="${crc}" md5="${md5}" sha1="${sha1}"/>`,
      '\t</game>',
    );
  }
  lines.push('</datafile>', '');
  return lines.join('\r\n');
}

/** Builds a zip in memory from named files (fixed mtimes, so the same input gives the same bytes). */
export async function zipBuffer(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) {
    zip.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data), name, { mtime: new Date('2026-01-01T00:00:00Z') });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The files of a Love Pack, by path inside the zip. */
export function lovePackFiles(options: LovePackOptions): Record<string, string> {
  const systems = [...(options.systems ?? defaultPackSystems(options.date))];
  if (options.aftermarket === true) systems.push(aftermarketSystem(options.date));
  const files: Record<string, string> = {};
  for (const s of systems) files[`${s.folder}/${s.system} (${s.stamp}).dat`] = noIntroStyleDat(s.system, s.stamp, s.games);
  files['index.txt'] = [`No-Intro Love Pack (${options.type ?? 'Standard DAT'}) (${options.date})`, ...Object.keys(files), ''].join(
    '\r\n',
  );
  return files;
}

/** A Love Pack zip and the name DAT-o-MATIC gives it. */
export async function makeLovePack(options: LovePackOptions): Promise<{ name: string; data: Buffer; files: string[] }> {
  const files = lovePackFiles(options);
  return { name: lovePackName(options.date, options.type), data: await zipBuffer(files), files: Object.keys(files) };
}
