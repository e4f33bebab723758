#!/usr/bin/env node
// HTTP download of a 200 MB file from tools/mirror on 127.0.0.1: `curl -s -o` against
// @rommer/core's HttpClient.download (got, streamed to a .part file, then renamed), median of
// several runs after one warm-up round, alternating. Target: ≤ 1.2× curl.
//
//   npm run build && node tools/bench/download.mjs [megabytes=200] [runs=5]
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchResult, median, seconds } from './bench-result.mjs';

const megabytes = Number(process.argv[2] ?? 200);
const runs = Number(process.argv[3] ?? 5);
const name = `HTTP download ${megabytes} MB (mirror, loopback)`;

if (spawnSync('curl', ['--version']).error !== undefined) {
  console.log('curl not installed: no baseline, nothing measured');
  benchResult({ name, measured: 'curl not installed', baseline: null, ratio: null, target: '≤ 1.2× curl', met: null });
  process.exit(0);
}

const { HttpClient } = await import('../../packages/core/dist/entries/http.js');

const work = mkdtempSync(path.join(os.tmpdir(), 'rommer-bench-download-'));
const source = path.join(work, 'payload.bin');
// Random bytes: nothing along the way can compress them.
const block = randomBytes(1024 * 1024);
writeFileSync(source, Buffer.concat(Array.from({ length: megabytes }, () => block)));
const size = statSync(source).size;

// The mirror runs in its own process, so neither client shares an event loop with the server.
const mirrorDist = new URL('../../tools/mirror/dist/index.js', import.meta.url).href;
const server = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import { createReadStream } from 'node:fs';
     const { startMirror } = await import(${JSON.stringify(mirrorDist)});
     const mirror = await startMirror();
     mirror.mount('/bench', (req, res) => {
       res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': ${size} });
       createReadStream(${JSON.stringify(source)}, { highWaterMark: 1 << 20 }).pipe(res);
       return true;
     });
     console.log(mirror.url);`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const mirrorUrl = await new Promise((resolve) => server.stdout.setEncoding('utf8').once('data', (line) => resolve(line.trim())));
const url = `${mirrorUrl}/bench/payload.bin`;
const client = new HttpClient({ timeoutMs: 60_000, retries: 0 });

async function ours(i) {
  const file = path.join(work, `ours-${i}.bin`);
  const start = process.hrtime.bigint();
  await client.download(url, file);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (statSync(file).size !== size) throw new Error('HttpClient.download: wrong size');
  rmSync(file);
  return elapsed;
}

/** curl, timed the same way (process start included, as a user would run it). */
function curl(i) {
  const file = path.join(work, `curl-${i}.bin`);
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    spawn('curl', ['-s', '-f', '-o', file, url], { stdio: 'ignore' }).on('close', (code) => {
      const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0) reject(new Error(`curl exited ${code}`));
      else {
        rmSync(file);
        resolve(elapsed);
      }
    });
  });
}

try {
  const baseline = [];
  const measured = [];
  // One untimed round each: the page cache, the JIT and the sockets warm up.
  await ours('warm');
  await curl('warm');
  for (let i = 0; i < runs; i++) {
    measured.push(await ours(i));
    baseline.push(await curl(i));
  }
  const b = median(baseline);
  const m = median(measured);
  console.log(`median of ${runs}: curl ${seconds(b)}, HttpClient.download ${seconds(m)}, ratio ${(m / b).toFixed(2)}×`);
  benchResult({ name, measured: seconds(m), baseline: `curl: ${seconds(b)}`, ratio: m / b, target: '≤ 1.2× curl', met: m / b <= 1.2 });
} finally {
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
