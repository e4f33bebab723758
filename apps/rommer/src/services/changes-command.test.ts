import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSince, runChangesCommand } from './changes-command.js';
import { runImportCommand } from './import-command.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rommer-app-changes-'));
  dirs.push(dir);
  return dir;
}
function capture() {
  const lines: string[] = [];
  return { print: (line: string) => lines.push(line), lines, env: { HOME: temp() } };
}

const dat = (version: string, games: string) =>
  `<?xml version="1.0"?><datafile><header><name>Mine</name><version>${version}</version></header>${games}</datafile>`;
const game = (name: string, crc: string) => `<game name="${name}"><rom name="${name}.bin" size="4" crc="${crc}"/></game>`;

describe('rommer changes', () => {
  it('lists change sets newest first, as text (games for a single DAT) and as JSON', async () => {
    const data = temp();
    const file = path.join(data, 'dats', 'mine (20240101-000000).dat');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, dat('1', game('Alpha', '00000001') + game('Beta', '00000002') + game('Gamma', '00000003')));
    await runImportCommand([file], { dataDir: data }, capture());
    rmSync(file);
    const next = path.join(data, 'dats', 'mine (20240201-000000).dat');
    writeFileSync(next, dat('2', game('Alpha (Rev 1)', '00000001') + game('Beta', '0000000b') + game('Delta', '00000004')));
    const imported = capture();
    await runImportCommand([next], { dataDir: data }, imported);
    expect(imported.lines[0]).toBe('imported   mine (20240201-000000).dat  (3 games, 3 roms; +1 −1 ~1 ↻1 games)');

    const text = capture();
    expect(await runChangesCommand({ dataDir: data }, text)).toBe(0);
    const lines = text.lines.join('\n').split('\n');
    expect(lines[0]).toBe('import · Mine · 1 → 2 · +1 −1 ~1 ↻1');
    expect(lines[1]).toMatch(/^ {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC · mine \(20240201-000000\)\.dat$/);
    expect(lines.slice(2, 6)).toEqual(['  + Delta', '  − Gamma', '  ↻ Alpha → Alpha (Rev 1)', '  ~ Beta (ROMs: 1 re-hashed)']);
    expect(lines).toContain('import · Mine · new → 1 · +3 −0 ~0 ↻0');

    const json = capture();
    await runChangesCommand({ dataDir: data, json: true, limit: 1 }, json);
    const parsed = JSON.parse(json.lines.join('\n')) as unknown[];
    expect(parsed).toEqual([
      {
        source: null,
        dat: 'Mine',
        path: 'mine (20240201-000000).dat',
        identity: 'mine.dat',
        kind: 'updated',
        fromVersion: '1',
        toVersion: '2',
        fromSourceVersion: null,
        toSourceVersion: null,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        counts: { added: 1, removed: 1, renamed: 1, changed: 1 },
        added: ['Delta'],
        removed: ['Gamma'],
        renamed: [{ from: 'Alpha', to: 'Alpha (Rev 1)' }],
        changed: [
          {
            game: 'Beta',
            roms: {
              added: [],
              removed: [],
              rehashed: [
                {
                  name: 'Beta.bin',
                  from: { name: 'Beta.bin', size: 4, crc: '00000002', md5: null, sha1: null },
                  to: { name: 'Beta.bin', size: 4, crc: '0000000b', md5: null, sha1: null },
                },
              ],
            },
          },
        ],
      },
    ]);
  });

  it('filters by source and DAT text; several DATs show headings only unless --details', async () => {
    const data = temp();
    const dats = path.join(data, 'dats', 'opengood');
    mkdirSync(dats, { recursive: true });
    copyFileSync(path.join(fixtures, 'opengood/OpenChaF.dat'), path.join(dats, 'OpenChaF.dat'));
    copyFileSync(path.join(fixtures, 'opengood/OpenGCOM.dat'), path.join(dats, 'OpenGCOM.dat'));
    await runImportCommand([dats], { dataDir: data }, capture());
    const both = capture();
    await runChangesCommand({ dataDir: data }, both);
    expect(both.lines.join('\n').split('\n').filter((line) => line.startsWith('  + '))).toEqual([]);
    const detailed = capture();
    await runChangesCommand({ dataDir: data, details: true }, detailed);
    expect(detailed.lines.join('\n').split('\n').filter((line) => line.startsWith('  + '))).toHaveLength(88 + 40);
    const one = capture();
    await runChangesCommand({ dataDir: data, dat: 'gcom', json: true }, one);
    expect((JSON.parse(one.lines.join('\n')) as { path: string }[]).map((s) => s.path)).toEqual(['opengood/OpenGCOM.dat']);
    const none = capture();
    await runChangesCommand({ dataDir: data, source: 'fbneo' }, none);
    expect(none.lines).toEqual(['No changes recorded (they are recorded when DATs are imported: rommer update --import, rommer import).']);
  });

  it('refuses bad flag values with usage errors', async () => {
    await expect(runChangesCommand({ since: 'yesterday' }, capture())).rejects.toThrow('changes: --since "yesterday" is not a date');
    await expect(runChangesCommand({ source: 'nope' }, capture())).rejects.toThrow(/nope/);
    expect(parseSince('7d', Date.UTC(2026, 0, 8)).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseSince('2026-11-20').toISOString()).toBe('2026-11-20T00:00:00.000Z');
  });

  it('reads the catalogue sources.conf names (database_url), not the data folder file', async () => {
    const data = temp();
    const conf = path.join(data, 'sources.conf');
    // Nothing listens on port 1: the command must try that catalogue, and say so, rather than
    // answer from a data folder that holds none.
    writeFileSync(conf, '[defaults]\ndatabase_url = "postgresql://someone:secret@127.0.0.1:1/rommer"\n');
    const error = await runChangesCommand({ dataDir: data, config: conf }, capture()).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('postgresql://someone:***@127.0.0.1:1/rommer');
    expect((error as Error).message).not.toContain('secret');
  });
});
