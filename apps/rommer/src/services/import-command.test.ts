import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '@rommer/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runDatsCommand, type DatListing } from './dats-command.js';
import { runImportCommand } from './import-command.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rommer-app-import-'));
  dirs.push(dir);
  return dir;
}
function capture(): { print: (line: string) => void; lines: string[]; env: Record<string, string> } {
  const lines: string[] = [];
  // HOME points at a temp folder so that a missing --data-dir could never touch the real one.
  return { print: (line) => lines.push(line), lines, env: { HOME: temp() } };
}

describe('rommer import / rommer dats', () => {
  it('imports a folder, reports a bad file and exits 1; dats lists what was imported', async () => {
    const data = temp();
    const input = temp();
    mkdirSync(path.join(input, 'nested'));
    copyFileSync(path.join(fixtures, 'opengood/OpenChaF.dat'), path.join(input, 'OpenChaF.dat'));
    copyFileSync(path.join(fixtures, 'libretro/dat/CHIP-8.dat'), path.join(input, 'nested', 'CHIP-8.dat'));
    writeFileSync(path.join(input, 'nested', 'bad.dat'), 'clrmamepro ( name x )\ngame ( name "y"\n');

    const io = capture();
    expect(await runImportCommand([input], { dataDir: data }, io)).toBe(1);
    expect(io.lines).toEqual([
      `imported   ${path.join(input, 'OpenChaF.dat')}  (88 games, 88 roms; +88 −0 ~0 ↻0 games)`,
      `imported   ${path.join(input, 'nested', 'CHIP-8.dat')}  (1 games, 1 roms; +1 −0 ~0 ↻0 games)`,
      `failed     ${path.join(input, 'nested', 'bad.dat')}, line 3: unexpected end of file: "game (" from line 2 is not closed`,
      `Imported 2, unchanged 0, failed 1 (89 games written) — catalogue ${path.join(data, 'rommer.db')}`,
    ]);

    const again = capture();
    expect(await runImportCommand([path.join(input, 'OpenChaF.dat')], { dataDir: data, json: true }, again)).toBe(0);
    const parsed = JSON.parse(again.lines.join('\n')) as { files: { status: string; format: string; games: number }[]; imported: number; unchanged: number; failed: number };
    expect(parsed).toMatchObject({ imported: 0, unchanged: 1, failed: 0 });
    expect(parsed.files[0]).toMatchObject({ status: 'unchanged', format: 'logiqx', games: 88, error: null });

    const dats = capture();
    expect(await runDatsCommand({ dataDir: data, json: true }, dats)).toBe(0);
    const listed = JSON.parse(dats.lines.join('\n')) as DatListing[];
    expect(listed.map((d) => Object.keys(d))).toEqual(
      listed.map(() => ['source', 'path', 'name', 'description', 'version', 'format', 'games', 'roms', 'disks', 'sha1', 'importedAt']),
    );
    expect(listed.map((d) => [d.path, d.format, d.games, d.roms, d.disks, d.source]).sort()).toEqual(
      [
        [path.join(input, 'OpenChaF.dat'), 'logiqx', 88, 88, 0, null],
        [path.join(input, 'nested', 'CHIP-8.dat'), 'clrmamepro', 1, 1, 0, null],
      ].sort(),
    );
    expect(listed[0]!.sha1).toMatch(/^[0-9a-f]{40}$/);
    expect(Number.isNaN(Date.parse(listed[0]!.importedAt))).toBe(false);

    const table = capture();
    await runDatsCommand({ dataDir: data }, table);
    expect(table.lines[0]).toMatch(/^SOURCE\s+NAME\s+VERSION\s+FORMAT\s+GAMES\s+ROMS\s+DISKS\s+PATH\n/);
    expect(table.lines[0]).toContain('OpenChaF.dat');
    // Hand imports say so, the DAT's own name shows, and a totals row ends the table.
    expect(table.lines[0]).toMatch(/^\(import\) +OpenChaF +3\.1415 +logiqx +88 +88 +0 +\/.*OpenChaF\.dat$/m);
    expect(table.lines[0]).toMatch(/^total +2 DATs +89 +89 +0$/m);
  });

  it('keys DATs under <data>/dats by relative path and filters dats by source', async () => {
    const data = temp();
    const dats = path.join(data, 'dats', 'opengood');
    mkdirSync(dats, { recursive: true });
    copyFileSync(path.join(fixtures, 'opengood/OpenChaF.dat'), path.join(dats, 'OpenChaF.dat'));
    const io = capture();
    expect(await runImportCommand([path.join(data, 'dats')], { dataDir: data }, io)).toBe(0);
    expect(io.lines[0]).toBe('imported   opengood/OpenChaF.dat  (88 games, 88 roms; +88 −0 ~0 ↻0 games)');
    const out = capture();
    await runDatsCommand({ dataDir: data, source: 'opengood', json: true }, out);
    expect(JSON.parse(out.lines[0]!)).toEqual([]);
  });

  it('lists nothing, and creates nothing, without a catalogue', async () => {
    const data = temp();
    const io = capture();
    expect(await runDatsCommand({ dataDir: data, json: true }, io)).toBe(0);
    expect(io.lines).toEqual(['[]']);
    const plain = capture();
    await runDatsCommand({ dataDir: data }, plain);
    expect(plain.lines[0]).toContain('No DATs in the catalogue yet');
  });

  it('imports nothing when the signal was aborted before the catalogue opened (a signal during start-up)', async () => {
    const data = temp();
    const input = temp();
    copyFileSync(path.join(fixtures, 'opengood/OpenChaF.dat'), path.join(input, 'OpenChaF.dat'));
    const io = capture();
    const controller = new AbortController();
    controller.abort();
    await runImportCommand([input], { dataDir: data }, { ...io, signal: controller.signal });
    expect(io.lines.some((line) => line.startsWith('imported'))).toBe(false);
    const dats = capture();
    await runDatsCommand({ dataDir: data, json: true }, dats);
    expect(dats.lines).toEqual(['[]']);
  });

  it('rejects usage errors with exit code 2', async () => {
    const data = temp();
    await expect(runImportCommand([], { dataDir: data }, capture())).rejects.toBeInstanceOf(UsageError);
    const error = await runDatsCommand({ dataDir: data, source: 'gooddats' }, capture()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toContain('unknown source "gooddats"');
  });
});
