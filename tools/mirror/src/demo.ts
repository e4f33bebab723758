#!/usr/bin/env node
/**
 * `npm run demo`: the whole flow offline. Starts every upstream imitation on 127.0.0.1, writes a
 * temporary sources.conf and data folder, runs `rommer update --import`, a second update and
 * `rommer dats`, and exits with the worst of their exit codes. Arguments after `npm run demo --`
 * go to both updates (`npm run demo -- --source tosec`); `--keep` keeps the temporary folder.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoUpstreams } from './demo-upstreams.js';
import { demoSteps, runDemoSteps } from './demo-steps.js';

const cli = fileURLToPath(new URL('../../../apps/rommer/dist/cli.js', import.meta.url));

function rommer(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-demo-'));
const upstreams = await startDemoUpstreams(path.join(root, 'upstreams'));
const configFile = path.join(root, 'sources.conf');
const dataDir = path.join(root, 'data');
await fs.writeFile(configFile, upstreams.config);

console.log(`rommer demo: upstream imitations on ${upstreams.mirror.url}; config ${configFile}; data ${dataDir}\n`);
let code = 1;
try {
  code = await runDemoSteps(
    demoSteps(['--config', configFile, '--data-dir', dataDir], args.filter((a) => a !== '--keep')),
    rommer,
  );
} finally {
  await upstreams.close();
  if (keep) console.log(`\nKept ${root}.`);
  else await fs.rm(root, { recursive: true, force: true });
}
if (code !== 0) console.error(`\nrommer demo: failed (exit code ${code}).`);
process.exitCode = code;
