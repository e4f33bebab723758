import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const register = fileURLToPath(new URL('./import-trace/register.mjs', import.meta.url));
const e2eRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Imports `specifier` (a built workspace package) in a fresh Node process and returns every module
 * that process loaded: ESM resolutions recorded by a loader hook plus CommonJS require()s.
 */
export function traceImport(specifier: string): Promise<string[]> {
  return traced(['--input-type=module', '-e', `await import(${JSON.stringify(specifier)});`]);
}

/** Runs a script (the built CLI, say) with `args` in a fresh Node process: every module it loaded. */
export function traceRun(script: string, args: readonly string[]): Promise<string[]> {
  return traced([script, ...args]);
}

async function traced(nodeArgs: readonly string[]): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rommer-trace-'));
  const traceFile = path.join(dir, 'trace.txt');
  try {
    await run(process.execPath, ['--import', register, ...nodeArgs], {
      cwd: e2eRoot,
      env: { ...process.env, ROMMER_TRACE_FILE: traceFile },
    });
    const urls = (await readFile(traceFile, 'utf8')).split('\n').filter((line) => line !== '');
    return [...new Set(urls)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The packages among traced module URLs, in load order: npm packages by name (`got`, `@scope/name`),
 * workspace packages (resolved through their symlinks to `packages/<folder>/`) as `@rommer/<folder>`.
 */
export function packagesIn(urls: readonly string[]): string[] {
  const names = urls.flatMap((url) => {
    const npm = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
    if (npm !== undefined) return [npm];
    const workspace = /\/packages\/([^/]+)\/dist\//.exec(url)?.[1];
    return workspace === undefined ? [] : [`@rommer/${workspace}`];
  });
  return [...new Set(names)];
}
