#!/usr/bin/env node
/**
 * `npm run demo`: the whole flow offline. Starts every upstream imitation on 127.0.0.1, writes a
 * temporary sources.conf and data folder, runs `rommer update --import`, then `rommer dats`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoUpstreams } from './demo-upstreams.js';

const cli = fileURLToPath(new URL('../../../apps/rommer/dist/cli.js', import.meta.url));

function rommer(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const keep = process.argv.includes('--keep');
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-demo-'));
const upstreams = await startDemoUpstreams(path.join(root, 'upstreams'));
const configFile = path.join(root, 'sources.conf');
const dataDir = path.join(root, 'data');
await fs.writeFile(configFile, upstreams.config);
const paths = ['--config', configFile, '--data-dir', dataDir];

console.log(`rommer demo: upstream imitations on ${upstreams.mirror.url}; config ${configFile}; data ${dataDir}\n`);
let code = await rommer(['update', '--import', ...paths]);
if (code !== 2) {
  console.log('\nA second run finds everything up to date:\n');
  code = Math.max(code, await rommer(['update', ...paths]));
  console.log('\nWhat the catalogue holds:\n');
  await rommer(['dats', ...paths]);
}
await upstreams.close();
if (keep) console.log(`\nKept ${root}.`);
else await fs.rm(root, { recursive: true, force: true });
process.exitCode = code;
