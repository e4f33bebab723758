#!/usr/bin/env node
// Start-up time of the built CLI: `rommer --help` and `rommer update --list-sources` against
// `node -e 0` (the floor any Node CLI pays), median of several runs, alternating.
//
//   npm run build && node tools/bench/startup.mjs [runs]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchResult, median, seconds } from './bench-result.mjs';

const cli = fileURLToPath(new URL('../../apps/rommer/dist/cli.js', import.meta.url));
const runs = Number(process.argv[2] ?? 7);
const work = mkdtempSync(path.join(os.tmpdir(), 'rommer-bench-startup-'));
const config = path.join(work, 'sources.conf');
writeFileSync(config, '');
const env = { ...process.env, HOME: work, XDG_CONFIG_HOME: work, XDG_DATA_HOME: work, NO_COLOR: '1' };

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const cases = {
  node: ['-e', '0'],
  help: [cli, '--help'],
  list: [cli, 'update', '--list-sources', '--config', config, '--data-dir', path.join(work, 'data')],
};
const times = { node: [], help: [], list: [] };
try {
  time(cases.help); // warm the file cache once
  for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(cases)) times[name].push(time(args));
  const node = median(times.node);
  const help = median(times.help);
  const list = median(times.list);
  console.log(`median of ${runs}: node -e 0 ${seconds(node)}, rommer --help ${seconds(help)}, rommer update --list-sources ${seconds(list)}`);
  benchResult({ name: 'rommer --help start-up', measured: seconds(help), baseline: `node -e 0: ${seconds(node)}`, ratio: help / node, target: '≤ 4× node -e 0', met: help / node <= 4 });
  benchResult({ name: 'rommer update --list-sources start-up', measured: seconds(list), baseline: `node -e 0: ${seconds(node)}`, ratio: list / node, target: 'none (reported)', met: null });
} finally {
  rmSync(work, { recursive: true, force: true });
}
