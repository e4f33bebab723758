import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TmuxTerminal, tmuxAvailable } from './tmux.js';

let terminal: TmuxTerminal | undefined;
let dir: string | undefined;
afterEach(async () => {
  terminal?.kill();
  terminal = undefined;
  if (dir !== undefined) await fs.rm(dir, { recursive: true, force: true });
});

describe.skipIf(!tmuxAvailable())('TmuxTerminal', () => {
  it('keeps the whole last screen of a program that has ended, first line included', async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-tmux-'));
    terminal = TmuxTerminal.start({
      dir,
      name: 'ended',
      command: ['printf', 'first line\\n\\nlast line\\n'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' },
      columns: 40,
      rows: 5,
    });
    expect(await terminal.waitForExit()).toBe(0);
    expect(terminal.screen()).toBe('first line\n\nlast line');
  });
});
