// Import benchmark (issue #4). Generates a MAME-ListXML-shaped file (~48,000 machines, ~150 MB),
// then in one run times
//   (a) python3's stdlib xml.etree.ElementTree.iterparse counting machines and roms (the baseline),
//   (b) `rommer import` of the same file into a fresh catalogue (the built CLI, apps/rommer/dist),
// and prints both times, the ratio and the peak RSS of each.
// Usage: npm run build (or nx build @rommer/app), then  node tools/bench/import.mjs [machines] [--keep] [--compare]
//   --compare  also time the import with the parse forced onto its own thread and forced onto the
//              main thread (ROMMER_PARSE_WORKER=always / never); by default rommer picks (a second
//              thread for big files on a machine with two cores: see packages/import/src/parse-in-worker.ts)
// CPU seconds are printed too: on a busy machine they tell more than wall time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateListXml } from './import-generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'apps/rommer/dist/cli.js');
const machines = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 48_000);
const keep = process.argv.includes('--keep');
const compare = process.argv.includes('--compare');

const python = `
import sys, time, resource
import xml.etree.ElementTree as ET
start = time.perf_counter()
machines = roms = 0
for event, element in ET.iterparse(sys.argv[1], events=('end',)):
    if element.tag == 'rom':
        roms += 1
    elif element.tag == 'machine':
        machines += 1
        element.clear()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(machines, roms, time.perf_counter() - start, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime)
`;

function run(command, args, env = {}) {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  }
  return { seconds, stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MiB`;

try {
  statSync(cli);
} catch {
  console.error(`bench/import: ${cli} is missing: build first (npx nx run @rommer/app:build)`);
  process.exit(2);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'rommer-bench-import-'));
try {
  const file = path.join(work, 'mame.xml');
  const generated = await generateListXml(file, machines);
  console.log(`file: ${file}   ${(generated.bytes / 1e6).toFixed(1)} MB, ${generated.machines} machines, ${generated.roms} roms, ${generated.disks} disks`);

  // Read the file once so both runs start from the page cache.
  spawnSync('cat', [file], { stdio: 'ignore' });

  const py = run('python3', ['-c', python, file]);
  const [pyMachines, pyRoms, , pyRss, pyCpu] = py.stdout.trim().split(/\s+/).map(Number);

  // Peak RSS and CPU time of the rommer process (all its threads), written by a preload at exit.
  const statsFile = path.join(work, 'stats.json');
  const preload = path.join(work, 'process-stats.mjs');
  writeFileSync(
    preload,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(statsFile)}, JSON.stringify({ rss: u.maxRSS * 1024, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 })); });\n`,
  );
  const importOnce = (env) => {
    const dataDir = mkdtempSync(path.join(work, 'data-'));
    const result = run('node', ['--import', preload, cli, 'import', file, '--json', '--data-dir', dataDir], env);
    const imported = JSON.parse(result.stdout).files[0];
    if (imported.status !== 'imported') throw new Error(`rommer import failed: ${imported.error}`);
    return { ...result, imported, ...JSON.parse(readFileSync(statsFile, 'utf8')) };
  };
  const rommer = importOnce({});
  const imported = rommer.imported;
  const rommerRss = rommer.rss;
  const ratio = rommer.seconds / py.seconds;
  console.log(`python3 iterparse count: ${py.seconds.toFixed(2)} s  (CPU ${pyCpu.toFixed(2)} s)  peak RSS ${mb(pyRss)}  (${pyMachines} machines, ${pyRoms} roms)`);
  console.log(`rommer import:           ${rommer.seconds.toFixed(2)} s  (CPU ${rommer.cpu.toFixed(2)} s)  peak RSS ${mb(rommerRss)}  (${imported.games} machines, ${imported.roms} roms, ${imported.disks} disks)`);
  if (compare) {
    for (const [label, mode] of [['2 threads', 'always'], ['1 thread ', 'never']]) {
      const forced = importOnce({ ROMMER_PARSE_WORKER: mode });
      console.log(`rommer import, ${label}: ${forced.seconds.toFixed(2)} s  (CPU ${forced.cpu.toFixed(2)} s)  peak RSS ${mb(forced.rss)}  ratio ${(forced.seconds / py.seconds).toFixed(2)}x`);
    }
  }
  console.log(`ratio rommer/python: ${ratio.toFixed(2)}x  (target <= 0.7x, peak RSS <= 250 MiB)  load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`);
  if (pyMachines !== imported.games || pyRoms !== imported.roms) {
    console.log('COUNTS DIFFER between python and rommer');
    process.exitCode = 1;
  }
  console.log(JSON.stringify({ bench: 'import', bytes: generated.bytes, pythonSeconds: py.seconds, pythonCpu: pyCpu, rommerSeconds: rommer.seconds, rommerCpu: rommer.cpu, ratio, pythonRss: pyRss, rommerRss }));
  // The line tools/bench/run-all.mjs collects (see bench-result.mjs).
  console.log(`BENCH_RESULT ${JSON.stringify({ name: `import ${(generated.bytes / 1e6).toFixed(0)} MB ListXML`, measured: `${rommer.seconds.toFixed(2)} s, peak RSS ${mb(rommerRss)}`, baseline: `python3 iterparse: ${py.seconds.toFixed(2)} s`, ratio, target: '≤ 0.7× python, peak RSS ≤ 250 MiB', met: ratio <= 0.7 && rommerRss <= 250 * 1048576 })}`);
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
