#!/usr/bin/env node
// Archive extraction benchmark: @rommer/archive against `unzip` and `7z x`, on the same
// generated inputs, in one run. Prints times and ratios (package time / baseline time).
//
//   npm run build -w @rommer/archive && node tools/bench/archive.mjs [--mb 300] [--runs 3]
//
// Inputs are generated in a temp dir: a TOSEC-like pack (many Logiqx DATs in nested folders)
// and a MAME-like single ListXML, both with random hashes so they compress like real DATs
// (about 3:1). `--mb` is the uncompressed size of each (default 300 MB → a ~100 MB zip).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const archiveDist = join(here, '../../packages/archive/dist/index.js');

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}
const totalMb = arg('mb', 300);
const runs = arg('runs', 3);

function hex(bytes) {
  return randomBytes(bytes).toString('hex');
}

/** Writes one Logiqx-style DAT of about `bytes` bytes. */
async function writeDat(file, bytes, title) {
  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const write = (text) => (out.write(text) ? undefined : new Promise((r) => out.once('drain', r)));
  let written = 0;
  const head = `<?xml version="1.0"?>\n<datafile>\n\t<header>\n\t\t<name>${title}</name>\n\t</header>\n`;
  await write(head);
  written += head.length;
  for (let game = 0; written < bytes; game++) {
    let block = `\t<game name="${title} - Game ${game} (19${80 + (game % 20)})(Publisher)">\n\t\t<description>${title} - Game ${game}</description>\n`;
    for (let rom = 0; rom < 4; rom++) {
      const size = 1024 + ((game * 7919 + rom) % 4_000_000);
      block += `\t\t<rom name="${title} - Game ${game} (Disk ${rom + 1} of 4).adf" size="${size}" crc="${hex(4)}" md5="${hex(16)}" sha1="${hex(20)}"/>\n`;
    }
    block += '\t</game>\n';
    const pending = write(block);
    if (pending) await pending;
    written += block.length;
  }
  await write('</datafile>\n');
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

async function generate(root) {
  const pack = join(root, 'pack');
  const perFile = 150 * 1024;
  const count = Math.max(1, Math.round((totalMb * 1024 * 1024) / perFile));
  for (let i = 0; i < count; i++) {
    const folder = ['TOSEC', 'TOSEC-ISO', 'TOSEC-PIX'][i % 3];
    const system = `System ${i % 40}`;
    await writeDat(join(pack, folder, system, `System ${i % 40} - Set ${i} (TOSEC-v2026-11-01_CM).dat`), perFile, `Set ${i}`);
  }
  const single = join(root, 'single');
  await writeDat(join(single, 'mame0289.xml'), totalMb * 1024 * 1024, 'MAME');
  return [
    { label: `pack: ${count} DATs`, dir: pack },
    { label: 'single: one ListXML', dir: single },
  ];
}

function sh(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function sizeOf(path) {
  return (await stat(path)).size;
}

async function treeBytes(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main() {
  const { extractArchive } = await import(archiveDist).catch(() => {
    throw new Error(`cannot load ${archiveDist}: run \`npm run build -w @rommer/archive\` first`);
  });
  const root = await mkdtemp(join(tmpdir(), 'rommer-bench-archive-'));
  try {
    console.error(`generating inputs (${totalMb} MB uncompressed each) in ${root} …`);
    const inputs = await generate(root);
    const rows = [];
    for (const input of inputs) {
      const zip = join(root, `${input.label.split(':')[0]}.zip`);
      const seven = join(root, `${input.label.split(':')[0]}.7z`);
      // Deflate level 6 (zip's usual level). LZMA2 level 1 keeps generation quick on a small
      // machine; decoding speed depends little on the level.
      console.error(`compressing ${input.label} …`);
      sh('7z', ['a', '-tzip', '-mx=6', '-bd', '-bso0', zip, '.'], input.dir);
      sh('7z', ['a', '-t7z', '-mx=1', '-bd', '-bso0', seven, '.'], input.dir);
      const bytes = await treeBytes(input.dir);
      for (const [format, file, baselineName, baseline] of [
        ['zip', zip, 'unzip', (out) => sh('unzip', ['-q', '-o', zip, '-d', out])],
        ['7z', seven, '7z x', (out) => sh('7z', ['x', '-bd', '-bso0', '-y', `-o${out}`, seven])],
      ]) {
        console.error(`extracting ${input.label} (${format}) …`);
        const base = [];
        const ours = [];
        for (let run = 0; run < runs; run++) {
          const out1 = join(root, 'out-baseline');
          const out2 = join(root, 'out-package');
          base.push(await time(() => baseline(out1)));
          ours.push(await time(() => extractArchive(file, out2)));
          const got = await treeBytes(out2);
          if (got !== bytes) throw new Error(`${format}: extracted ${got} bytes, expected ${bytes}`);
          await rm(out1, { recursive: true, force: true });
          await rm(out2, { recursive: true, force: true });
        }
        rows.push({
          input: input.label,
          format,
          archiveMB: ((await sizeOf(file)) / 1e6).toFixed(1),
          dataMB: (bytes / 1e6).toFixed(1),
          baseline: baselineName,
          baselineS: median(base).toFixed(2),
          packageS: median(ours).toFixed(2),
          ratio: (median(ours) / median(base)).toFixed(2),
          target: format === 'zip' ? '≤ 1.50' : '≤ 1.30',
        });
      }
      await rm(input.dir, { recursive: true, force: true });
    }
    console.log(`\nmedian of ${runs} runs each (package = @rommer/archive extractArchive)`);
    console.table(rows);
    // The lines tools/bench/run-all.mjs collects (see bench-result.mjs).
    for (const row of rows) {
      const limit = Number(row.target.replace(/[^\d.]/g, ''));
      console.log(`BENCH_RESULT ${JSON.stringify({ name: `extract ${row.format}: ${row.input} (${row.dataMB} MB)`, measured: `${row.packageS} s`, baseline: `${row.baseline}: ${row.baselineS} s`, ratio: Number(row.ratio), target: `${row.target}× ${row.baseline}`, met: Number(row.ratio) <= limit })}`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
