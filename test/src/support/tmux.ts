import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** True when a tmux binary runs here (CI installs it; see .ci/run). */
export function tmuxAvailable(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

export interface TmuxOptions {
  /** A folder for the server's socket and config (a test's sandbox). */
  dir: string;
  name: string;
  command: string[];
  /** The whole environment of the program: tmux passes the server's own on to it. */
  env: Record<string, string>;
  columns?: number;
  rows?: number;
  /** Lines the terminal keeps above the screen (none by default: the screen is all a test reads). */
  history?: number;
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * A program in a real terminal: a private tmux server (its own socket, no user config) runs one
 * window; the test types with send-keys and reads the screen with capture-pane. The pane stays
 * after the program ends, so the last screen and the exit status can still be read.
 */
export class TmuxTerminal {
  readonly #socket: string;
  readonly #target: string;
  readonly #env: Record<string, string>;
  readonly #statusFile: string;

  private constructor(socket: string, target: string, env: Record<string, string>, statusFile: string) {
    this.#socket = socket;
    this.#target = target;
    this.#env = env;
    this.#statusFile = statusFile;
  }

  static start(options: TmuxOptions): TmuxTerminal {
    const socket = path.join(options.dir, `tmux-${options.name}.sock`);
    const conf = path.join(options.dir, 'tmux.conf');
    fs.writeFileSync(conf, `set -g remain-on-exit on\nset -g status off\nset -g history-limit ${options.history ?? 0}\n`);
    // The exit status comes from the shell around the program: tmux does not always reap its pane's
    // process at once (seen here: a <defunct> program and an empty #{pane_dead_status} for seconds).
    const statusFile = path.join(options.dir, `tmux-${options.name}.status`);
    fs.rmSync(statusFile, { force: true });
    // The server starts with exactly this environment (no CI variables: Ink draws only the final
    // frame when it believes it runs in CI), and the program inherits it.
    execFileSync(
      'tmux',
      [
        '-S',
        socket,
        '-f',
        conf,
        'new-session',
        '-d',
        '-s',
        options.name,
        '-x',
        String(options.columns ?? 100),
        '-y',
        String(options.rows ?? 30),
        // The shell then waits instead of ending: when a pane dies, tmux scrolls its screen up one
        // line to write "Pane is dead", and the program's first line would be lost from the screen.
        `${options.command.map(quote).join(' ')}; echo $? > ${quote(statusFile)}; exec sleep infinity`,
      ],
      { env: options.env },
    );
    return new TmuxTerminal(socket, options.name, options.env, statusFile);
  }

  #tmux(args: string[]): string {
    return execFileSync('tmux', ['-S', this.#socket, ...args], { env: this.#env, encoding: 'utf8' });
  }

  /** The visible screen, lines without trailing blanks; with `escapes`, colours and styles kept. */
  screen(options: { escapes?: boolean } = {}): string {
    return this.#tmux(['capture-pane', '-p', ...(options.escapes === true ? ['-e'] : []), '-t', this.#target])
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /** What scrolled off the top (see `history`) and the screen below it, lines without trailing blanks. */
  scrollback(): string {
    return this.#tmux(['capture-pane', '-p', '-S', '-', '-t', this.#target])
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /** Types keys (tmux key names: Space, Down, Enter, C-c, or text) one at a time, as a person would. */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.#tmux(['send-keys', '-t', this.#target, key]);
      await delay(300);
    }
  }

  /** Types text in one go (send-keys -l): the program reads it as one chunk, like a paste or fast typing. */
  typeAtOnce(text: string): void {
    this.#tmux(['send-keys', '-t', this.#target, '-l', text]);
  }

  /** Polls the screen until `check` passes; fails with the last screen after the deadline. */
  async waitFor(check: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (check(screen)) return screen;
      await delay(100);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen was:\n${screen}`);
  }

  /** The program's exit status once it has ended, or null while it runs. */
  exitStatus(): number | null {
    try {
      const text = fs.readFileSync(this.#statusFile, 'utf8').trim();
      return text === '' ? null : Number(text);
    } catch {
      return null;
    }
  }

  async waitForExit(timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const status = this.exitStatus();
      if (status !== null) return status;
      await delay(100);
    }
    const pid = this.#tmux(['display-message', '-p', '-t', this.#target, '#{pane_pid}']).trim();
    const ps = spawnSync('ps', ['-o', 'pid,stat,etime,args', '--ppid', pid, '-p', pid], { encoding: 'utf8' }).stdout;
    throw new Error(`the program had not ended after ${timeoutMs} ms:\n${ps}\nthe screen was:\n${this.screen()}`);
  }

  resize(columns: number, rows: number): void {
    this.#tmux(['resize-window', '-t', this.#target, '-x', String(columns), '-y', String(rows)]);
  }

  kill(): void {
    spawnSync('tmux', ['-S', this.#socket, 'kill-server'], { env: this.#env, stdio: 'ignore' });
  }
}
