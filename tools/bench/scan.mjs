#!/usr/bin/env node
// `rommer scan`'s speed, as ratios against baselines measured in the same run:
//   first scan  / `sha1sum` over the same files      (target ≤ 1.2: CRC-32 and SHA-1 from one read)
//   rescan      / first scan                          (target ≤ 0.1: the cache answers, no file is read)
//   100k content look-ups in a catalogue of ROMS ROMs (target < 1 s; a bare better-sqlite3 SHA-1 loop shown beside)
//
//   npm run build && node tools/bench/scan.mjs [--files 16] [--mb 32] [--roms 500000] [--runs 3]
//
// The files are random bytes written to a temporary folder (so both sides read them from the page
// cache); a quarter of them are in the catalogue's DAT, the rest are unknown. Each run scans with a
// fresh copy of the seeded catalogue (an empty hash cache), then rescans; runs alternate with sha1sum
// and the medians count.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import { scanCollection } from '../../packages/scan/dist/index.js';
import { openStore } from '../../packages/store/dist/index.js';
import { benchResult, median, seconds } from './bench-result.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const FILES = arg('files', 16);
const MB = arg('mb', 32);
const ROMS = arg('roms', 500_000);
const RUNS = arg('runs', 3);
const LOOKUPS = 100_000;

const work = mkdtempSync(path.join(os.tmpdir(), 'rommer-bench-scan-'));
const collection = path.join(work, 'roms');
mkdirSync(collection);
const hex8 = (n) => (n >>> 0).toString(16).padStart(8, '0');

try {
  console.log(`writing ${FILES} files of ${MB} MiB…`);
  const known = [];
  for (let i = 0; i < FILES; i++) {
    const data = randomBytes(MB * 1024 * 1024);
    writeFileSync(path.join(collection, `file-${String(i).padStart(3, '0')}.bin`), data);
    if (i % 4 === 0) known.push({ name: `file-${i}.bin`, size: data.length, crc: hex8(crc32(data)), sha1: createHash('sha1').update(data).digest('hex') });
  }

  console.log(`seeding a catalogue with ${ROMS.toLocaleString('en-US')} ROMs…`);
  const seeded = path.join(work, 'seed.db');
  const seed = await openStore(seeded);
  const writer = seed.beginDatImport({ source: 'bench', path: 'bench/scan.dat', format: 'logiqx', header: { name: 'bench', version: '1' }, size: 1, sha1: 'a'.repeat(40) });
  writer.addGame({ name: 'known', roms: known, disks: [] });
  const lookups = [];
  for (let g = 0; g < ROMS / 10; g++) {
    const roms = [];
    for (let r = 0; r < 10; r++) {
      const i = g * 10 + r;
      const sha1 = createHash('sha1').update(String(i)).digest('hex');
      const crc = hex8(Math.imul(i + 1, 2654435761));
      roms.push({ name: `rom-${i}.bin`, size: 1000 + (i % 5000), crc, sha1 });
      if (lookups.length < LOOKUPS / 2 && i % 7 === 0) lookups.push({ size: 1000 + (i % 5000), crc, sha1 });
    }
    writer.addGame({ name: `game-${g}`, roms, disks: [] });
  }
  await writer.commit();
  await seed.close();
  // Half the look-ups hit, half miss (random hashes).
  while (lookups.length < LOOKUPS) lookups.push({ size: 1234, crc: randomBytes(4).toString('hex'), sha1: randomBytes(20).toString('hex') });

  const timeSha1sum = () => {
    const files = readdirSync(collection).map((f) => path.join(collection, f));
    const start = process.hrtime.bigint();
    const result = spawnSync('sha1sum', files, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error(`sha1sum failed (${result.status})`);
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  const timeScan = async (store) => {
    const start = process.hrtime.bigint();
    const result = await scanCollection({ store, paths: [collection] });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.files !== FILES || result.matched !== known.length) throw new Error(`scan found ${result.files} files, ${result.matched} matched`);
    return { elapsed, cached: result.cachedFiles };
  };

  const baseline = [];
  const first = [];
  const rescan = [];
  for (let run = 1; run <= RUNS; run++) {
    baseline.push(timeSha1sum());
    const file = path.join(work, `run-${run}.db`);
    copyFileSync(seeded, file);
    const store = await openStore(file);
    try {
      const a = await timeScan(store);
      const b = await timeScan(store);
      if (b.cached !== FILES) throw new Error(`rescan read ${FILES - b.cached} files again`);
      first.push(a.elapsed);
      rescan.push(b.elapsed);
    } finally {
      await store.close();
    }
    console.log(`run ${run}: sha1sum ${seconds(baseline.at(-1))}, first scan ${seconds(first.at(-1))}, rescan ${seconds(rescan.at(-1))}`);
  }

  // Look-ups: the store's findRomsByContent (SHA-1, then CRC-32 + size) against a bare SHA-1 loop.
  const store = await openStore(seeded);
  const bare = new Database(seeded, { readonly: true });
  const bareSelect = bare.prepare('SELECT id FROM rom WHERE sha1 = ?');
  const lookupTimes = [];
  const bareTimes = [];
  let hits = 0;
  for (let run = 0; run < RUNS; run++) {
    let start = process.hrtime.bigint();
    for (const q of lookups) bareSelect.all(q.sha1);
    bareTimes.push(Number(process.hrtime.bigint() - start) / 1e9);
    start = process.hrtime.bigint();
    hits = 0;
    for (const q of lookups) hits += (await store.lookup.findRomsByContent(q)).length > 0 ? 1 : 0;
    lookupTimes.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  bare.close();
  await store.close();

  const gib = (FILES * MB) / 1024;
  const sha1sum = median(baseline);
  const scan = median(first);
  const again = median(rescan);
  const lookup = median(lookupTimes);
  console.log(`\n${FILES} files, ${gib.toFixed(2)} GiB; catalogue of ${ROMS.toLocaleString('en-US')} ROMs; median of ${RUNS} runs`);
  console.log(`sha1sum:    ${seconds(sha1sum)}`);
  console.log(`first scan: ${seconds(scan)}  ratio ${(scan / sha1sum).toFixed(2)}× sha1sum (target ≤ 1.2)`);
  console.log(`rescan:     ${seconds(again)}  ratio ${(again / scan).toFixed(3)}× first scan (target ≤ 0.1)`);
  console.log(`${LOOKUPS.toLocaleString('en-US')} look-ups: ${seconds(lookup)} (${hits.toLocaleString('en-US')} hits; bare SHA-1 loop ${seconds(median(bareTimes))}; target < 1 s)`);
  benchResult({ name: 'scan: first scan vs sha1sum', measured: seconds(scan), baseline: `sha1sum ${seconds(sha1sum)}`, ratio: scan / sha1sum, target: '≤ 1.2×', met: scan / sha1sum <= 1.2 });
  benchResult({ name: 'scan: rescan vs first scan', measured: seconds(again), baseline: `first scan ${seconds(scan)}`, ratio: again / scan, target: '≤ 0.1×', met: again / scan <= 0.1 });
  benchResult({
    name: 'scan: 100k hash look-ups',
    measured: seconds(lookup),
    baseline: `bare SHA-1 loop ${seconds(median(bareTimes))}`,
    ratio: lookup / median(bareTimes),
    target: '< 1 s',
    met: lookup < 1,
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
