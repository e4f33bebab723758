#!/usr/bin/env node
// `npm run bench`: builds the workspace, runs every benchmark script as a child process, collects
// the `BENCH_RESULT {json}` lines each prints (see bench-result.mjs), and writes
// bench/results.json and bench/results.md (name, measured, baseline, ratio, target, met).
//
//   npm run bench                       # everything (tens of minutes on a small machine)
//   npm run bench -- --only download,startup
//   npm run bench -- --skip-build
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scripts = ['store-bulk', 'store-postgres', 'import', 'changes', 'archive', 'download', 'update-noop', 'startup', 'scan'];
const onlyAt = process.argv.indexOf('--only');
const selected = onlyAt > 0 ? process.argv[onlyAt + 1].split(',') : scripts;

if (!process.argv.includes('--skip-build')) {
  console.log('building the workspace (nx run-many -t build)…');
  const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--tui=false'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Runs one script, echoing its output, and returns its BENCH_RESULT rows (or one saying it failed). */
function runScript(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(root, 'tools/bench', `${name}.mjs`)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      const rows = out
        .split('\n')
        .filter((line) => line.startsWith('BENCH_RESULT '))
        .map((line) => ({ script: name, ...JSON.parse(line.slice('BENCH_RESULT '.length)) }));
      if (code !== 0 || rows.length === 0) {
        rows.push({ script: name, name, measured: code !== 0 ? `failed (exit ${code})` : 'no BENCH_RESULT line', baseline: null, ratio: null, target: null, met: null });
      }
      resolve(rows.map((row) => ({ ...row, seconds: (Date.now() - started) / 1000 })));
    });
  });
}

const fresh = [];
for (const name of selected) {
  console.log(`\n=== ${name} ===`);
  fresh.push(...(await runScript(name)));
}

const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', loadavg: os.loadavg().map((l) => l.toFixed(2)) };
const out = path.join(root, 'bench');
mkdirSync(out, { recursive: true });
// With --only, the other scripts keep their last figures (each row says when it was taken).
const previous = existsSync(path.join(out, 'results.json')) ? JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')).results ?? [] : [];
const now = new Date().toISOString();
const results = [
  ...previous.filter((row) => !selected.includes(row.script)),
  ...fresh.map((row) => ({ ...row, takenAt: now, load: os.loadavg()[0].toFixed(2) })),
].sort((a, b) => scripts.indexOf(a.script) - scripts.indexOf(b.script));
writeFileSync(path.join(out, 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`);
const met = (m) => (m === true ? 'yes' : m === false ? 'NO' : '–');
const table = [
  `# Benchmark results`,
  '',
  `written ${now} · Node ${machine.node} · ${machine.cpus} × ${machine.cpu} · load ${machine.loadavg.join(' ')}`,
  '',
  '| benchmark | measured | baseline | ratio | target | met | taken (UTC), load |',
  '|---|---|---|---|---|---|---|',
  ...results.map(
    (r) => `| ${r.name} | ${r.measured} | ${r.baseline ?? '–'} | ${typeof r.ratio === 'number' ? `${r.ratio.toFixed(2)}×` : '–'} | ${r.target ?? '–'} | ${met(r.met)} | ${(r.takenAt ?? '').slice(0, 16)}, ${r.load ?? '?'} |`,
  ),
  '',
];
writeFileSync(path.join(out, 'results.md'), table.join('\n'));
console.log(`\n${table.join('\n')}`);
console.log(`wrote ${path.relative(root, path.join(out, 'results.json'))} and ${path.relative(root, path.join(out, 'results.md'))}`);
