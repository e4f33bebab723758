// rommer scan / report / fixdat as a user runs them: the built CLI, a DAT imported by `rommer
// import`, a folder of files; the progress line and Ctrl-C in a real terminal (tmux); the
// dashboard's scan view.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, createSandbox, type Sandbox } from './support/rommer-cli.js';
import { TmuxTerminal, tmuxAvailable } from './support/tmux.js';

const haveTmux = tmuxAvailable();
if (!haveTmux) console.warn('scan terminal e2e skipped: tmux is not installed (apt-get install tmux)');

let sandbox: Sandbox;
let roms: string;
let big: string;
let terminal: TmuxTerminal | undefined;
const crc = (b: Buffer) => crc32(b).toString(16).padStart(8, '0');
const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');

beforeAll(async () => {
  sandbox = await createSandbox('rommer-e2e-scan-');
  const have = randomBytes(4096);
  const gone = randomBytes(4096);
  const dats = path.join(sandbox.root, 'dats');
  await fs.mkdir(dats);
  const rom = (name: string, data: Buffer) => `<rom name="${name}" size="${data.length}" crc="${crc(data)}" sha1="${sha1(data)}"/>`;
  await fs.writeFile(
    path.join(dats, 'E2E.dat'),
    `<?xml version="1.0"?>\n<datafile><header><name>E2E Set</name><version>v1</version></header>\n` +
      `<game name="Have"><description>Have</description>${rom('have.bin', have)}</game>\n` +
      `<game name="Gone"><description>Gone</description>${rom('gone.bin', gone)}</game>\n</datafile>\n`,
  );
  // Not sandbox.run: it adds --config, which `rommer import` does not take.
  const imported = spawnSync(process.execPath, [cliPath, 'import', dats, '--data-dir', sandbox.dataDir], { env: sandbox.env, encoding: 'utf8' });
  expect(imported.status, imported.stderr).toBe(0);
  roms = path.join(sandbox.root, 'roms');
  await fs.mkdir(roms);
  await fs.writeFile(path.join(roms, 'some name.bin'), have);
  await fs.writeFile(path.join(roms, 'readme.txt'), 'hello');
  big = path.join(sandbox.root, 'big');
  await fs.mkdir(big);
  for (let i = 0; i < 40; i++) await fs.writeFile(path.join(big, `f${i}.bin`), randomBytes(4 * 1024 * 1024));
  await sandbox.writeConfig(`[scan]\npaths = ["${roms}"]\n`);
});
afterEach(() => {
  terminal?.kill();
  terminal = undefined;
});
afterAll(async () => {
  await sandbox.cleanup();
});

describe('rommer scan, report, fixdat (plain output)', () => {
  it('scan --json prints a line per file and the summary; report and fixdat read the last scan', async () => {
    const scan = await sandbox.run(['scan', roms, '--json', '--data-dir', sandbox.dataDir]);
    expect(scan.code, scan.stderr).toBe(0);
    const lines = scan.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l['type'] === 'file')).toHaveLength(2);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', files: 2, matched: 1, unknown: 1, dats: [{ name: 'E2E Set', have: 1, missing: 1, total: 2 }] });

    const report = await sandbox.run(['report', '--missing', '--csv', '--data-dir', sandbox.dataDir]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout.trim().split('\n')[1]).toMatch(/^E2E Set,.*E2E\.dat,,v1,Gone,missing,0,1,gone\.bin$/);

    const out = path.join(sandbox.root, 'fix.dat');
    const fixdat = await sandbox.run(['fixdat', '--dat', 'E2E Set', '--output', out, '--data-dir', sandbox.dataDir]);
    expect(fixdat.code, fixdat.stderr).toBe(0);
    expect(fixdat.stderr).toContain('1 of 2 games of E2E Set not found');
    const xml = await fs.readFile(out, 'utf8');
    expect(xml).toContain('<name>E2E Set (fixdat)</name>');
    expect(xml).toContain('<game name="Gone">');
    expect(xml).not.toContain('name="Have"');
  });

  it('a missing path and an unknown --dat are one-line usage errors (exit 2)', async () => {
    const missing = await sandbox.run(['scan', path.join(sandbox.root, 'nope'), '--data-dir', sandbox.dataDir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`rommer: ${path.join(sandbox.root, 'nope')}: cannot scan: no such file or folder`);
    const dat = await sandbox.run(['fixdat', '--dat', 'Nope', '--data-dir', sandbox.dataDir]);
    expect(dat.code).toBe(2);
    expect(dat.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe.skipIf(!haveTmux).sequential('rommer scan in a terminal', () => {
  it('shows files, bytes, rate and ETA while it runs; Ctrl-C stops it with exit 130', async () => {
    terminal = TmuxTerminal.start({
      dir: sandbox.root,
      name: 'scan-progress',
      command: [process.execPath, cliPath, 'scan', big, '--data-dir', sandbox.dataDir],
      env: { ...sandbox.env, TERM: 'xterm-256color' },
      columns: 120,
      rows: 30,
    });
    const screen = await terminal.waitFor((s) => /scanning \d+\/40 files .* MB\/s {2}ETA /.test(s), 'the progress line', 60_000);
    expect(screen).toMatch(/scanning \d+\/40 files {2}[\d.]+\/167\.8 MB/);
    await terminal.press('C-c');
    expect(await terminal.waitForExit(60_000)).toBe(130);
    const report = await sandbox.run(['report', '--data-dir', sandbox.dataDir]);
    expect(report.stdout).toContain('(interrupted)');
  });

  it('the dashboard’s scan view scans a folder of [scan] paths and shows have/missing', async () => {
    terminal = TmuxTerminal.start({
      dir: sandbox.root,
      name: 'scan-dashboard',
      command: [process.execPath, cliPath, '--config', sandbox.configFile, '--data-dir', sandbox.dataDir],
      env: { ...sandbox.env, TERM: 'xterm-256color' },
      columns: 120,
      rows: 30,
    });
    await terminal.waitFor((s) => s.includes('selected'), 'the source list', 60_000);
    await terminal.press('s');
    await terminal.waitFor((s) => s.includes('Scan a folder') && s.includes(roms), 'the scan view');
    await terminal.press('Enter');
    const done = await terminal.waitFor((s) => s.includes('E2E Set (v1): have 1/2 (50%), missing 1'), 'the scan summary', 60_000);
    expect(done).toContain('2 files: 1 identified, 1 unknown');
    await terminal.press('q');
    await terminal.waitFor((s) => s.includes('selected'), 'the source list again');
    await terminal.press('q');
    expect(await terminal.waitForExit()).toBe(0);
  });
});
