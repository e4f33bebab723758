import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The README's quick start, as CI (.ci/run) reads and runs it: these tests fail when the README,
// .ci/run and what rommer prints drift apart.
const repo = fileURLToPath(new URL('../../', import.meta.url));
const readmeCommands = path.join(repo, '.ci/readme-commands.mjs');

function readmeTool(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [readmeCommands, ...args], { cwd: repo, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A stand-in npm registry on 127.0.0.1 that records what is asked of it and has no packages. */
let registry: Server;
let registryUrl: string;
const registryRequests: string[] = [];
let home: string;

beforeAll(async () => {
  registry = createServer((request, response) => {
    registryRequests.push(`${request.method} ${request.url}`);
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
  });
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-e2e-readme-home-'));
});
afterAll(async () => {
  await new Promise((resolve) => registry.close(resolve));
  await fs.rm(home, { recursive: true, force: true });
});

/** A newcomer's environment: a fresh HOME, no XDG_* or ROMMER_* variables, npm pointed at our registry. */
function newcomerEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(XDG_|ROMMER_|npm_|NPM_|NODE_OPTIONS$|VITEST|INIT_CWD$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, HOME: home, npm_config_registry: registryUrl, npm_config_update_notifier: 'false' };
}

function runShell(command: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the README quick start', () => {
  it('has exactly two commands on its first screen: install and run, then test', () => {
    expect(readmeTool(['count']).stdout.trim()).toBe('2');
    const first = readmeTool(['1']).stdout.trim();
    expect(first).toMatch(/^npm ci && npm run build && npx --no rommer \S/);
    expect(readmeTool(['2']).stdout.trim()).toBe('npm test');
  });

  it('writes every rommer example so that npx never asks the registry for a package named rommer', async () => {
    const readme = await fs.readFile(path.join(repo, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
    const invocations = blocks.flatMap((block) => block.split('\n')).filter((line) => /\brommer\b/.test(line) && /^\s*(npx|npm)/.test(line));
    expect(invocations.length).toBeGreaterThan(5);
    for (const line of invocations) {
      if (/^\s*npx nx\b/.test(line)) continue;
      expect(line, line).toMatch(/^(npm ci && npm run build && )?npx --no rommer\b/);
    }
  });

  it('is what .ci/run runs: read from the README (not a copy), in a fresh HOME, output checked, then the tests', async () => {
    const ci = await fs.readFile(path.join(repo, '.ci/run'), 'utf8');
    const first = readmeTool(['1']).stdout.trim();
    expect(ci).not.toContain(first);
    expect(ci).not.toContain('npx rommer');
    expect(ci).toMatch(/readme_command 1\b/);
    expect(ci).toMatch(/readme_command 2\b/);
    expect(ci).toContain('check-first-output');
    expect(ci).toMatch(/HOME="\$fresh_home"/);
    expect(ci).toMatch(/grep -E '\^\(XDG_\|ROMMER_\)'/);
    // The build-from-source setting lives where npm does not warn about it.
    expect(ci).not.toContain('npm_config_build_from_source');
    await expect(fs.access(path.join(repo, '.npmrc'))).rejects.toThrow();
    expect(await fs.readFile(path.join(repo, '.prebuild-installrc'), 'utf8')).toMatch(/^buildFromSource=true$/m);
  });

  it("runs the first command's rommer part in a fresh HOME without the registry, and CI's check accepts its output", async () => {
    const first = readmeTool(['1']).stdout.trim();
    // The install and build have happened (this test runs on the built workspace); run what follows them.
    const runPart = first.split(' && ').slice(2).join(' && ');
    const bin = path.join(repo, 'node_modules/.bin/rommer');
    await expect(fs.access(bin), `${bin} is missing: run npm install (npm ci links it)`).resolves.toBeUndefined();

    const run = await runShell(runPart, newcomerEnv());
    expect(run.output).not.toMatch(/npm (warn|error)/);
    expect(run.code, run.output).toBe(0);
    expect(registryRequests.filter((r) => /rommer/.test(r))).toEqual([]);

    const log = path.join(home, 'first-command.log');
    await fs.writeFile(log, run.output);
    const check = readmeTool(['check-first-output', log]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    // A listing creates neither a configuration nor a data folder in the fresh HOME.
    expect(await fs.readdir(home)).not.toContain('.config');
    expect(await fs.readdir(home)).not.toContain('.local');
  });

  it("CI's output check fails when the output does not list the README's sources", async () => {
    const log = path.join(home, 'wrong.log');
    await fs.writeFile(log, 'SOURCE TITLE\nopengood OpenGood\nnpm warn Unknown project config "build_from_source".\n');
    const check = readmeTool(['check-first-output', log]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('does not list the source tosec');
    expect(check.stderr).toContain('npm complained');
  });
});
