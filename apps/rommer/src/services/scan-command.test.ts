// rommer scan / report / fixdat through their services: DATs imported by the real importer into a
// real catalogue, a real folder with a zip, and the exact JSON lines the issue specifies.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { UsageError } from '@rommer/core';
import { parseDat, type DatGame } from '@rommer/import';
import yazl from 'yazl';
import { afterEach, describe, expect, it } from 'vitest';
import { runFixdatCommand } from './fixdat-command.js';
import { runImportCommand } from './import-command.js';
import { runReportCommand } from './report-command.js';
import { runScanCommand } from './scan-command.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rommer-app-scan-'));
  dirs.push(dir);
  return dir;
}
const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');
const crc = (b: Buffer) => crc32(b).toString(16).padStart(8, '0');

function zip(entries: Record<string, Buffer>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of Object.entries(entries)) z.addBuffer(data, name);
  z.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

async function setUp() {
  const data = temp();
  const dats = temp();
  const roms = temp();
  const a = randomBytes(2048);
  const b = randomBytes(2048);
  const gone = randomBytes(2048);
  const nes = randomBytes(8192);
  writeFileSync(
    path.join(dats, 'Test Set.dat'),
    `<?xml version="1.0"?>
<datafile>
  <header><name>Test Set</name><description>Test Set</description><version>2026-12-01</version></header>
  <game name="Alpha"><description>Alpha</description><rom name="Alpha.bin" size="2048" crc="${crc(a)}" sha1="${sha1(a)}"/></game>
  <game name="Beta &amp; Co"><description>Beta</description><rom name="Beta.bin" size="2048" crc="${crc(b)}" sha1="${sha1(b)}"/></game>
  <game name="Gone"><description>Gone</description><rom name="Gone.bin" size="2048" crc="${crc(gone)}" sha1="${sha1(gone)}"/></game>
  <game name="Nes"><description>Nes</description><rom name="Nes.nes" size="8192" crc="${crc(nes)}" sha1="${sha1(nes)}"/></game>
</datafile>
`,
  );
  writeFileSync(
    path.join(dats, 'Crc Set.dat'),
    `clrmamepro ( name "Crc Set" version 7 )\ngame ( name "Alpha (crc)" rom ( name a.bin size 2048 crc ${crc(a)} ) )\ngame ( name "Other" rom ( name o.bin size 5 crc 01234567 ) )\n`,
  );
  const quiet = { print: () => undefined, env: { HOME: temp() } };
  expect(await runImportCommand([dats], { dataDir: data }, quiet)).toBe(0);
  writeFileSync(path.join(roms, 'renamed alpha.rom'), a);
  writeFileSync(path.join(roms, 'Nes (headered).nes'), Buffer.concat([Buffer.from('NES\x1a\x01\x01\0\0\0\0\0\0\0\0\0\0', 'latin1'), nes]));
  writeFileSync(path.join(roms, 'notes.txt'), 'not a rom');
  mkdirSync(path.join(roms, 'zips'));
  writeFileSync(path.join(roms, 'zips', 'beta.zip'), await zip({ 'Beta.bin': b }));
  return { data, dats, roms, content: { a, b, gone, nes } };
}

function capture(env: Record<string, string> = { HOME: temp() }) {
  const lines: string[] = [];
  const warnings: string[] = [];
  return { print: (l: string) => lines.push(l), warn: (l: string) => warnings.push(l), lines, warnings, env };
}

describe('rommer scan', () => {
  it('prints the issue’s JSON lines: one per file or entry, then the summary', async () => {
    const { data, roms, content } = await setUp();
    const io = capture();
    expect(await runScanCommand([roms], { dataDir: data, json: true }, io)).toBe(0);
    const records = io.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const files = records.filter((r) => r['type'] === 'file');
    expect(files.map((f) => Object.keys(f))).toEqual(files.map(() => ['type', 'path', 'entry', 'size', 'crc', 'sha1', 'header', 'matches']));
    const find = (name: string) => files.find((f) => String(f['path']).endsWith(name));
    expect(find('renamed alpha.rom')).toEqual({
      type: 'file',
      path: path.join(roms, 'renamed alpha.rom'),
      entry: null,
      size: 2048,
      crc: crc(content.a),
      sha1: sha1(content.a),
      header: null,
      matches: [
        { source: null, dat: 'Test Set', datVersion: '2026-12-01', game: 'Alpha', rom: 'Alpha.bin' },
        { source: null, dat: 'Crc Set', datVersion: '7', game: 'Alpha (crc)', rom: 'a.bin' },
      ],
    } satisfies Record<string, unknown>);
    expect(find('beta.zip')).toMatchObject({ entry: 'Beta.bin', sha1: null, matches: [{ game: 'Beta & Co', rom: 'Beta.bin' }] });
    expect(find('.nes')).toMatchObject({ header: 'ines', matches: [{ game: 'Nes' }] });
    expect(find('notes.txt')).toMatchObject({ matches: [] });
    const summary = records.at(-1)!;
    expect(Object.keys(summary)).toEqual(['type', 'files', 'matched', 'unknown', 'dats']);
    expect(summary).toMatchObject({ type: 'summary', files: 4, matched: 3, unknown: 1 });
    expect((summary['dats'] as object[]).map((d) => Object.keys(d))).toEqual([
      ['path', 'name', 'source', 'have', 'missing', 'total'],
      ['path', 'name', 'source', 'have', 'missing', 'total'],
    ]);
    expect(summary['dats']).toEqual([
      expect.objectContaining({ name: 'Crc Set', have: 1, missing: 1, total: 2 }),
      expect.objectContaining({ name: 'Test Set', have: 3, missing: 1, total: 4 }),
    ]);
  });

  it('prints ✔/? lines and have/total per DAT; --dat narrows to one DAT and lists it', async () => {
    const { data, roms } = await setUp();
    const io = capture();
    expect(await runScanCommand([roms], { dataDir: data, dat: 'Crc Set' }, io)).toBe(0);
    expect(io.lines).toContain(`✔ ${path.join(roms, 'renamed alpha.rom')} → Alpha (crc) (Crc Set, 7)`);
    expect(io.lines).toContain(`? ${path.join(roms, 'notes.txt')} unknown`);
    expect(io.lines).toContain(`? ${path.join(roms, 'Nes (headered).nes')} [ines header] unknown`);
    expect(io.lines.slice(-2)).toEqual(['4 files: 1 identified, 3 unknown (0 answered from the cache)', 'Crc Set (7): have 1/2 (50%), missing 1']);
  });

  it('refuses what makes no sense with one-line usage errors', async () => {
    const { data, roms } = await setUp();
    await expect(runScanCommand([], { dataDir: data }, capture())).rejects.toThrow(UsageError);
    await expect(runScanCommand([roms], { dataDir: data, dat: 'No Such' }, capture())).rejects.toThrow('--dat "No Such": no DAT');
    await expect(runScanCommand([roms], { dataDir: data, source: 'nope' }, capture())).rejects.toThrow(UsageError);
    await expect(runScanCommand([roms], { dataDir: temp() }, capture())).rejects.toThrow('no catalogue at');
  });
});

describe('rommer report and rommer fixdat', () => {
  it('report lists have/partial/missing from the last scan as text, CSV and JSON; fixdat writes the missing games', async () => {
    const { data, dats, roms, content } = await setUp();
    expect(await runScanCommand([roms], { dataDir: data }, capture())).toBe(0);

    const text = capture();
    expect(await runReportCommand({ dataDir: data, dat: 'Test Set' }, text)).toBe(0);
    expect(text.lines.slice(1)).toEqual(['', 'Test Set (2026-12-01): have 3/4 (75%), missing 1', '  ✔ Alpha', '  ✔ Beta & Co', '  ✘ Gone', '  ✔ Nes']);

    const csv = capture();
    expect(await runReportCommand({ dataDir: data, missing: true, csv: true }, csv)).toBe(0);
    expect(csv.lines).toEqual([
      'dat,dat_path,source,version,game,state,found,roms,missing_roms',
      `Crc Set,${path.join(dats, 'Crc Set.dat')},,7,Other,missing,0,1,o.bin`,
      `Test Set,${path.join(dats, 'Test Set.dat')},,2026-12-01,Gone,missing,0,1,Gone.bin`,
    ]);

    const json = capture();
    expect(await runReportCommand({ dataDir: data, json: true, missing: true, dat: path.join(dats, 'Test Set.dat') }, json)).toBe(0);
    const parsed = JSON.parse(json.lines.join('\n')) as { scan: { files: number }; dats: { name: string; have: number; games: unknown[] }[] };
    expect(parsed.scan.files).toBe(4);
    expect(parsed.dats).toEqual([
      expect.objectContaining({ name: 'Test Set', have: 3, missing: 1, total: 4, games: [{ name: 'Gone', state: 'missing', found: 0, roms: 1, missingRoms: ['Gone.bin'] }] }),
    ]);

    const out = path.join(temp(), 'Test Set (fixdat).dat');
    const notes: string[] = [];
    expect(await runFixdatCommand({ dataDir: data, dat: 'Test Set', output: out }, { write: () => undefined, note: (l) => notes.push(l), env: { HOME: temp() } })).toBe(0);
    expect(notes).toEqual([`Wrote ${out}: 1 of 4 games of Test Set not found in the last scan`]);
    const games: DatGame[] = [];
    const result = await parseDat(out, { onGame: (g) => void games.push(g) });
    expect(result.header).toMatchObject({ name: 'Test Set (fixdat)', version: '2026-12-01' });
    expect(games.map((g) => [g.name, g.roms.map((r) => [r.name, r.size, r.crc, r.sha1])])).toEqual([['Gone', [['Gone.bin', 2048, crc(content.gone), sha1(content.gone)]]]]);
    expect(readFileSync(out, 'utf8')).toContain('<!DOCTYPE datafile');
  });

  it('report and fixdat before any scan say so', async () => {
    const { data } = await setUp();
    await expect(runReportCommand({ dataDir: data }, capture())).rejects.toThrow('no scan yet');
    await expect(runFixdatCommand({ dataDir: data, dat: 'Test Set' }, { write: () => undefined, note: () => undefined })).rejects.toThrow('no scan yet');
    await expect(runFixdatCommand({ dataDir: data }, { write: () => undefined, note: () => undefined })).rejects.toThrow('fixdat: name the DAT with --dat');
  });
});
