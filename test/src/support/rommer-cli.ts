import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI: e2e tests run exactly what a user runs. */
export const cliPath = fileURLToPath(new URL('../../../apps/rommer/dist/cli.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  root: string;
  configFile: string;
  dataDir: string;
  /** Environment that keeps rommer away from the real home and config. */
  env: Record<string, string>;
  writeConfig(toml: string): Promise<void>;
  /** `rommer <args>` with --config and --data-dir added where the command takes them. */
  run(args: string[], options?: { env?: Record<string, string>; input?: string }): Promise<CliResult>;
  start(args: string[], options?: { env?: Record<string, string> }): RunningCli;
  cleanup(): Promise<void>;
}

export interface RunningCli {
  child: ChildProcess;
  /** Resolves when stdout has printed a line matching the pattern. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  done: Promise<CliResult>;
}

function withPaths(sandbox: { configFile: string; dataDir: string }, args: string[]): string[] {
  const command = args[0] ?? '';
  // Every command takes both, and each that opens the catalogue reads sources.conf for [defaults] database_url.
  const takesPaths = ['update', 'login', 'logout', 'doctor', 'import', 'dats', 'changes', 'scan', 'report', 'fixdat'].includes(command);
  return takesPaths ? [...args, '--config', sandbox.configFile, '--data-dir', sandbox.dataDir] : args;
}

function launch(args: string[], env: Record<string, string>): RunningCli {
  const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const waiter of [...waiters]) {
      const line = stdout.split('\n').find((l) => waiter.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise<string>((resolve, reject) => {
        const line = stdout.split('\n').find((l) => pattern.test(l));
        if (line !== undefined) {
          resolve(line);
          return;
        }
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
        waiters.push({
          pattern,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void done.then(() => {
          clearTimeout(timer);
          reject(new Error(`rommer exited before printing ${pattern}:\n${stdout}\n${stderr}`));
        });
      });
    },
  };
}

export async function createSandbox(prefix = 'rommer-e2e-'): Promise<Sandbox> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const configFile = path.join(root, 'sources.conf');
  const dataDir = path.join(root, 'data');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: path.join(root, 'home'),
    XDG_CONFIG_HOME: path.join(root, 'home', '.config'),
    XDG_DATA_HOME: path.join(root, 'home', '.local', 'share'),
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
  };
  const sandbox: Sandbox = {
    root,
    configFile,
    dataDir,
    env,
    async writeConfig(toml) {
      await fs.writeFile(configFile, toml);
    },
    run(args, options = {}) {
      const running = launch(withPaths(sandbox, args), { ...env, ...options.env });
      running.child.stdin!.end(options.input ?? '');
      return running.done;
    },
    start(args, options = {}) {
      const running = launch(withPaths(sandbox, args), { ...env, ...options.env });
      running.child.stdin!.end();
      return running;
    },
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
  await fs.writeFile(configFile, '');
  return sandbox;
}

/** The last JSON line of `--json` output (the summary). */
export function jsonSummary(stdout: string): {
  type: string;
  sources: {
    id: string;
    status: string;
    version: string | null;
    previousVersion: string | null;
    files: number;
    changedFiles: number;
    transferredBytes: number;
    imported: { dats: number; games: number; roms: number };
    error: string | null;
    warnings: string[];
    upstreamChanges?: { item: string; from: string | null; to: string | null }[];
    changes: { dats: number; added: number; removed: number; renamed: number; changed: number };
  }[];
} {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '{}');
}

/** Path → sha1 of every file under a folder: "nothing changed" is a comparison of two of these. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const { createHash } = await import('node:crypto');
  const out: Record<string, string> = {};
  async function walk(sub: string): Promise<void> {
    const entries = await fs.readdir(path.join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) await walk(rel);
      else out[rel] = createHash('sha1').update(await fs.readFile(path.join(dir, rel))).digest('hex');
    }
  }
  await walk('');
  return out;
}

/** The version manifest an update writes in each source folder (it commits with the folder swap). */
export const SOURCE_MANIFEST = '.rommer-source.json';

/** The DATs (and other upstream files) a source folder holds: its files without the manifest, sorted. */
export async function heldFiles(dir: string): Promise<string[]> {
  return Object.keys(await snapshotTree(dir)).filter((f) => f !== SOURCE_MANIFEST).sort();
}

/** The top-level entries of a source folder without the manifest. */
export async function heldEntries(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).filter((name) => name !== SOURCE_MANIFEST);
}

/** Expected counts from the independent parser (test/fixtures/EXPECTED.json). */
export async function expectedCounts(): Promise<Record<string, { games: number; roms: number; disks: number }>> {
  const file = fileURLToPath(new URL('../../fixtures/EXPECTED.json', import.meta.url));
  return (JSON.parse(await fs.readFile(file, 'utf8')) as { files: Record<string, { games: number; roms: number; disks: number }> }).files;
}
