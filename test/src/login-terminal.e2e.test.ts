import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, createSandbox, type Sandbox } from './support/rommer-cli.js';
import { TmuxTerminal, tmuxAvailable } from './support/tmux.js';

// `rommer login` on a real terminal: it asks on the lines below what was there and leaves the
// terminal's scrollback alone (it once cleared it, taking the user's earlier output with it).
const haveTmux = tmuxAvailable();
if (!haveTmux) console.warn('login terminal e2e skipped: tmux is not installed (apt-get install tmux)');

let sandbox: Sandbox;
let terminal: TmuxTerminal | undefined;

beforeAll(async () => {
  if (!haveTmux) return;
  sandbox = await createSandbox('rommer-e2e-login-tty-');
  await sandbox.writeConfig('[sources.redump]\nenabled = true\n');
});
afterEach(() => {
  terminal?.kill();
  terminal = undefined;
});
afterAll(async () => {
  if (haveTmux) await sandbox.cleanup();
});

describe.skipIf(!haveTmux)('rommer login in a terminal', () => {
  it('keeps the scrollback: what was printed before is still there after the prompts', async () => {
    const earlier = Array.from({ length: 60 }, (_, i) => `earlier-output-${i + 1}`);
    const login = [process.execPath, cliPath, 'login', 'redump', '--config', sandbox.configFile, '--data-dir', sandbox.dataDir]
      .map((arg) => `'${arg.replaceAll("'", "'\\''")}'`)
      .join(' ');
    terminal = TmuxTerminal.start({
      dir: sandbox.root,
      name: 'login',
      // The 60 lines scroll a 20-row screen: most of them live in the scrollback when login starts.
      command: ['sh', '-c', `printf '%s\\n' ${earlier.join(' ')}; ${login}`],
      // No D-Bus session: the keyring is unavailable, and login says so after both prompts.
      env: { ...sandbox.env, TERM: 'xterm-256color', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
      columns: 100,
      rows: 20,
      history: 1000,
    });
    await terminal.waitFor((s) => s.includes('redump username:'), 'the username prompt');
    await terminal.press('someone', 'Enter');
    await terminal.waitFor((s) => s.includes('(not shown):'), 'the password prompt');
    await terminal.press('not-a-real-password', 'Enter');
    expect(await terminal.waitForExit()).toBe(1);
    const all = terminal.scrollback();
    expect(all).toContain('OS keyring unavailable');
    expect(all).not.toContain('not-a-real-password');
    const lines = all.split('\n');
    expect(lines.slice(0, earlier.length)).toEqual(earlier);
  });
});
