// The command line's own manners, through the built CLI: which stream a message goes to, exit
// codes, --version, help examples, a suggestion for a mistyped command, the global flags.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, createSandbox, type Sandbox } from './support/rommer-cli.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox('rommer-e2e-cli-');
  await sandbox.writeConfig('[sources.opengood]\nenabled = false\n');
});
afterAll(() => sandbox.cleanup());

const appVersion = async () =>
  (JSON.parse(await fs.readFile(new URL('../../apps/rommer/package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('rommer on the command line', () => {
  it('--version, -v and -V print the version alone', async () => {
    for (const flag of ['--version', '-v', '-V']) {
      const run = await sandbox.run([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${await appVersion()}\n`);
      expect(run.stderr).toBe('');
    }
  });

  it('--help shows examples, and a value flag as <value>', async () => {
    const root = await sandbox.run(['--help']);
    expect(root.code).toBe(0);
    expect(root.stdout).toContain('Examples:');
    expect(root.stdout).toContain('rommer update --source opengood --import');
    const update = await sandbox.run(['update', '--help']);
    expect(update.stdout).toContain('--config <file>');
    expect(update.stdout).toContain('--concurrency <n>');
    expect(update.stdout).not.toContain('[file]');
    expect(update.stdout).toMatch(/e\.g\. `rommer update/);
  });

  it('a flag without its value is a one-line usage error on stderr, exit 2', async () => {
    // (db is a command the sandbox adds no flags to: the bare --config stays last.)
    const run = await sandbox.run(['db', 'migrate-to', 'postgresql://localhost/rommer', '--config']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual(["error: option '--config <file>' argument missing"]);
  });

  it('a reader that closes the pipe early ends rommer quietly: exit 141 as for SIGPIPE, no stack trace', async () => {
    for (const args of [['update', '--list-sources'], ['dats']]) {
      const child = spawn(process.execPath, [cliPath, ...args, '--config', sandbox.configFile, '--data-dir', sandbox.dataDir], {
        env: sandbox.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // `rommer … | head -0`: the read end is gone before rommer writes.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect({ args, code, stderr }).toEqual({ args, code: 141, stderr: '' });
    }
  });

  it('a list flag without its value is the same usage error', async () => {
    // pastel declares a list flag's value optional (`--source [id...]`); update runs without pastel
    // and says what a bare --source lacks instead of taking it for every source.
    const run = await sandbox.run(['update', '--json', '--source']);
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr.trim().split('\n') }).toEqual({
      code: 2,
      stdout: '',
      stderr: ["error: option '--source <id...>' argument missing"],
    });
  });

  it('a value the flag\'s schema refuses is a one-line usage error on stderr, exit 2', async () => {
    const cases: [string[], string][] = [
      [['update', '--concurrency', 'abc'], 'rommer: --concurrency <n>: expected a whole number from 1 to 16, got "abc"'],
      [['update', '--json', '--concurrency', '0'], 'rommer: --concurrency <n>: expected a whole number from 1 to 16, got "0"'],
      [['changes', '--limit', '2.5'], 'rommer: --limit <n>: expected a whole number of at least 1, got "2.5"'],
      [['dats', '--source', ''], 'rommer: --source <id>: expected a value that is not empty, got ""'],
      [['update', '--source', 'mame', ''], 'rommer: --source <id>: expected a value that is not empty, got ""'],
    ];
    for (const [args, line] of cases) {
      const run = await sandbox.run(args);
      expect({ args, code: run.code, stdout: run.stdout, stderr: run.stderr.trim().split('\n') }).toEqual({ args, code: 2, stdout: '', stderr: [line] });
    }
  });

  it('an unknown flag is a usage error, exit 2', async () => {
    const run = await sandbox.run(['dats', '--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--frobnicate'");
  });

  it('a mistyped command gets a suggestion, exit 2', async () => {
    const run = await sandbox.run(['udpate']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/unknown command 'udpate' \(did you mean update\?\)/);
  });

  it('every command takes the global --config and --data-dir', async () => {
    const dats = await sandbox.run(['dats', '--json', '--config', sandbox.configFile]);
    expect(dats.stderr).toBe('');
    expect(dats.code).toBe(0);
    expect(JSON.parse(dats.stdout)).toEqual([]);
    const list = await sandbox.run(['update', '--list-sources', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).find((s: { id: string }) => s.id === 'opengood').enabled).toBe(false);
    // The dashboard's flags stay the dashboard's: `rommer --config x` reaches it, not a subcommand.
    const dashboard = await sandbox.run(['--config', sandbox.configFile, '--data-dir', sandbox.dataDir]);
    expect(dashboard.stderr).toContain('the dashboard needs a terminal');
  });

  it('a failed import goes to stderr; the summary stays on stdout', async () => {
    const missing = path.join(sandbox.root, 'nope.dat');
    const run = await sandbox.run(['import', missing]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`failed     ${missing}`);
    expect(run.stdout).not.toContain(missing);
    expect(run.stdout).toMatch(/^Imported 0, unchanged 0, failed 1/m);
  });

  it('off a terminal, start-up spawns no tput (Ink is given a width)', async () => {
    const bin = path.join(sandbox.root, 'fake-bin');
    const marker = path.join(sandbox.root, 'tput-ran');
    await fs.mkdir(bin, { recursive: true });
    await fs.writeFile(path.join(bin, 'tput'), `#!/bin/sh\necho "$@" >> '${marker}'\necho 80\n`, { mode: 0o755 });
    const run = await sandbox.run(['update', '--list-sources'], { env: { PATH: `${bin}:${process.env['PATH'] ?? ''}` } });
    expect(run.code).toBe(0);
    await expect(fs.access(marker)).rejects.toThrow();
  });
});
