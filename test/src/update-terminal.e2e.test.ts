import fs from 'node:fs/promises';
import path from 'node:path';
import { createOpengoodRemote, type GitRemote } from '@rommer/mirror';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, createSandbox, type Sandbox } from './support/rommer-cli.js';
import { TmuxTerminal, tmuxAvailable } from './support/tmux.js';

// `rommer update` on a real terminal: the live view, no questions; and the first run's question.
const haveTmux = tmuxAvailable();
if (!haveTmux) console.warn('update terminal e2e skipped: tmux is not installed (apt-get install tmux)');

let sandbox: Sandbox;
let remote: GitRemote;
let terminal: TmuxTerminal | undefined;
let runs = 0;

beforeAll(async () => {
  if (!haveTmux) return;
  sandbox = await createSandbox('rommer-e2e-update-tty-');
  remote = await createOpengoodRemote(path.join(sandbox.root, 'remote'));
  await sandbox.writeConfig(`[sources.opengood]\nurl = "${remote.url}"\n`);
});
afterEach(() => {
  terminal?.kill();
  terminal = undefined;
});
afterAll(async () => {
  if (haveTmux) await sandbox.cleanup();
});

function open(args: string[]): TmuxTerminal {
  runs += 1;
  terminal = TmuxTerminal.start({
    dir: sandbox.root,
    name: `update${runs}`,
    command: [process.execPath, cliPath, ...args],
    env: { ...sandbox.env, TERM: 'xterm-256color' },
    columns: 100,
    rows: 30,
  });
  return terminal;
}

describe.skipIf(!haveTmux).sequential('rommer update in a terminal', () => {
  it('shows the live view and its summary without asking anything, then exits 0', async () => {
    const tty = open(['update', '--source', 'opengood', '--import', '--config', sandbox.configFile, '--data-dir', sandbox.dataDir]);
    const summary = await tty.waitFor((s) => s.includes('Update finished in'), 'the summary', 90_000);
    expect(summary).toMatch(new RegExp(`^✔ opengood +OpenGood +${(await remote.head()).slice(0, 7)} · 42/42 files changed`, 'm'));
    expect(summary).not.toContain('Continue?');
    expect(await tty.waitForExit()).toBe(0);
    expect((await fs.readdir(path.join(sandbox.dataDir, 'dats', 'opengood'))).filter((f) => f !== '.rommer-source.json')).toHaveLength(42);
  });

  it('without a sources.conf, explains what it would download and where, and asks first', async () => {
    // No --config: the XDG config folder of the sandbox is empty. Answering "n" downloads nothing.
    const fresh = path.join(sandbox.root, 'fresh-data');
    const tty = open(['update', '--data-dir', fresh]);
    const question = await tty.waitFor((s) => s.includes('Continue? [y/N]'), 'the first-run question');
    expect(question).toContain('No configuration yet');
    expect(question).toMatch(/rommer will download DATs from: OpenGood .*No-Intro .*TOSEC/s);
    expect(question).toContain(path.join(fresh, 'dats'));
    await tty.press('n', 'Enter');
    await tty.waitFor((s) => s.includes('Nothing downloaded.'), 'the refusal');
    expect(await tty.waitForExit()).toBe(0);
    await expect(fs.stat(fresh)).rejects.toThrow();
  });
});
