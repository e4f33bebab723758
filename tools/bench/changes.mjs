// Change-set benchmark (issue #16). Generates a MAME-ListXML-shaped file (~48,000 machines, as
// import.mjs does) and a next version of it (every 400th machine renamed, every 250th ROM
// re-hashed, 200 machines added, every 600th dropped), then in one run, each in its own process:
//   (a) import alone: version 1 into a fresh catalogue, then version 2 over it, without change sets;
//   (b) the same with change sets (the importer's tracker: content digests, the diff, the records).
// Compares the time of the second import (the one that diffs) and the peak RSS of each process.
// Target: (b) / (a) <= 1.2 for the second import.
// Usage: npm run build, then  node tools/bench/changes.mjs [machines]
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchResult, median } from './bench-result.mjs';
import { generateListXml } from './import-generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = 1.2;

/** Version 2 of a generated ListXML, written line by line (the generator puts one element per line). */
async function nextVersion(from, to, extra) {
  const out = createWriteStream(to, { highWaterMark: 1 << 20 });
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let machine = 0;
  let rom = 0;
  let dropping = false;
  for await (const line of createInterface({ input: createReadStream(from), crlfDelay: Infinity })) {
    if (line.includes('<machine ')) {
      machine += 1;
      dropping = machine % 600 === 0;
      if (!dropping && machine % 400 === 0) {
        await write(`${line.replace(/name="([^"]*)"/, 'name="$1_r"')}\n`);
        continue;
      }
    }
    if (line.includes('</mame>')) {
      for (let i = 0; i < extra; i++) {
        await write(`\t<machine name="added${i}" sourcefile="added.cpp">\n\t\t<description>Added ${i}</description>\n`);
        await write(`\t\t<rom name="a${i}.bin" size="65536" crc="${(0x10000000 + i).toString(16)}" sha1="${(i + 1).toString(16).padStart(40, '0')}" region="maincpu" offset="0"/>\n\t</machine>\n`);
      }
    }
    if (dropping) {
      if (line.includes('</machine>')) dropping = false;
      continue;
    }
    if (line.includes('<rom ')) {
      rom += 1;
      if (rom % 250 === 0) {
        await write(`${line.replace(/crc="[0-9a-f]{8}"/, 'crc="0badc0de"')}\n`);
        continue;
      }
    }
    await write(`${line}\n`);
  }
  out.end();
  await once(out, 'finish');
}

/** Child: imports both versions into a fresh catalogue; prints the second import's seconds and the change counts. */
async function child(mode, v1, v2, db) {
  const { openStore } = await import(pathToFileURL(path.join(root, 'packages/store/dist/index.js')).href);
  const { parseDat, changeTracker } = await import(pathToFileURL(path.join(root, 'packages/import/dist/index.js')).href);
  const store = await openStore(db);
  const importFile = async (file, sha1) => {
    let writer;
    await parseDat(file, {
      onHeader(header, format) {
        const dat = { source: 'mame', path: 'mame/mame.xml', format, header, size: 1, sha1 };
        writer = store.beginDatImport(dat, mode === 'changes' ? { changes: changeTracker } : {});
      },
      onGame(game) {
        writer.addGame(game);
      },
    });
    return writer.commit();
  };
  await importFile(v1, 'a'.repeat(40));
  const start = performance.now();
  const second = await importFile(v2, 'b'.repeat(40));
  const seconds = (performance.now() - start) / 1000;
  await store.close();
  const usage = process.resourceUsage();
  console.log(JSON.stringify({ seconds, rss: usage.maxRSS * 1024, changes: second.changes ?? null, games: second.games }));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv[5], process.argv[6]);
} else {
  const machines = Number(process.argv[2] ?? 48_000);
  const work = mkdtempSync(path.join(os.tmpdir(), 'rommer-bench-changes-'));
  try {
    const v1 = path.join(work, 'v1.xml');
    const v2 = path.join(work, 'v2.xml');
    const generated = await generateListXml(v1, machines);
    await nextVersion(v1, v2, 200);
    console.log(`version 1: ${(generated.bytes / 1e6).toFixed(1)} MB, ${generated.machines} machines, ${generated.roms} roms; version 2 written`);
    const runs = { alone: [], changes: [] };
    let counts = null;
    let rss = { alone: 0, changes: 0 };
    // Alternate the two, twice each: load on a shared machine hits both alike.
    for (let round = 0; round < 2; round++) {
      for (const mode of ['alone', 'changes']) {
        const db = path.join(work, `${mode}-${round}.db`);
        const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, v1, v2, db], { encoding: 'utf8' });
        if (result.status !== 0) throw new Error(`${mode}: ${result.stderr}`);
        const row = JSON.parse(result.stdout.trim().split('\n').at(-1));
        runs[mode].push(row.seconds);
        rss[mode] = Math.max(rss[mode], row.rss);
        if (mode === 'changes') counts = row.changes;
        console.log(`${mode.padEnd(8)} round ${round + 1}: second import ${row.seconds.toFixed(2)} s, peak RSS ${(row.rss / 1048576).toFixed(0)} MiB`);
        rmSync(db, { force: true });
      }
    }
    const alone = median(runs.alone);
    const withChanges = median(runs.changes);
    const ratio = withChanges / alone;
    console.log(`change set: ${JSON.stringify(counts)}`);
    console.log(`import alone ${alone.toFixed(2)} s · with change sets ${withChanges.toFixed(2)} s · ratio ${ratio.toFixed(2)} (target <= ${TARGET})`);
    console.log(`peak RSS: alone ${(rss.alone / 1048576).toFixed(0)} MiB · with change sets ${(rss.changes / 1048576).toFixed(0)} MiB (ratio ${(rss.changes / rss.alone).toFixed(2)})`);
    benchResult({
      name: 'change sets on a MAME-sized re-import',
      measured: `${withChanges.toFixed(2)} s, ${(rss.changes / 1048576).toFixed(0)} MiB`,
      baseline: `${alone.toFixed(2)} s, ${(rss.alone / 1048576).toFixed(0)} MiB (import alone)`,
      ratio: Number(ratio.toFixed(3)),
      target: `<= ${TARGET}`,
      met: ratio <= TARGET,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
