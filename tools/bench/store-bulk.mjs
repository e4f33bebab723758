#!/usr/bin/env node
// Bulk insert speed of @rommer/store's DAT writer against a bare better-sqlite3 loop, same run.
//
//   npm run build -w @rommer/store && node tools/bench/store-bulk.mjs [rows=1000000] [rounds=2]
//
// Both sides insert the same synthetic games (10 ROMs each, CRC/MD5/SHA-1 filled) into a fresh
// catalogue file with the store's schema, indexes and pragmas, in one transaction; the baseline is a
// plain prepared-statement loop without the writer's validation and hash normalisation. Each side
// runs `rounds` times, alternating, and the best run of each counts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../packages/store/dist/index.js';
import { benchResult } from './bench-result.mjs';

const rows = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 2);
const ROMS_PER_GAME = 10;
const games = Math.ceil(rows / ROMS_PER_GAME);
if (!Number.isSafeInteger(rows) || rows < ROMS_PER_GAME || !Number.isSafeInteger(rounds) || rounds < 1) {
  console.error('usage: node tools/bench/store-bulk.mjs [rows >= 10] [rounds >= 1]');
  process.exit(2);
}

const dat = { source: 'bench', path: 'bench/synthetic.dat', format: 'logiqx', header: { name: 'synthetic' }, size: 1, sha1: 'a'.repeat(40) };

/** Game g with its ROMs, built the same way for both sides (hashes upper-case, as many DATs write them). */
function makeGame(g) {
  const roms = [];
  for (let r = 0; r < ROMS_PER_GAME; r++) {
    const i = g * ROMS_PER_GAME + r;
    const crc = (Math.imul(i + 1, 2654435761) >>> 0).toString(16).toUpperCase().padStart(8, '0');
    roms.push({ name: `rom-${i}.bin`, size: i, crc, md5: crc.repeat(4), sha1: crc.repeat(5), status: null });
  }
  return { name: `game-${g}`, description: `Game ${g}`, roms, disks: [] };
}

async function freshCatalogue(dir, name) {
  const file = path.join(dir, name);
  const store = await openStore(file);
  await store.close();
  return file;
}

async function runWriter(dir, round) {
  const store = await openStore(path.join(dir, `writer-${round}.db`));
  const start = process.hrtime.bigint();
  const writer = store.beginDatImport(dat);
  for (let g = 0; g < games; g++) writer.addGame(makeGame(g));
  const record = await writer.commit();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await store.close();
  if (record.roms !== games * ROMS_PER_GAME) throw new Error(`writer stored ${record.roms} ROMs`);
  return seconds;
}

async function runBaseline(dir, round) {
  const db = new Database(await freshCatalogue(dir, `baseline-${round}.db`));
  // The store's own pragmas (src/sqlite.ts), so only the code path differs.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.pragma('journal_size_limit = 67108864');
  const insertDat = db.prepare(
    `INSERT INTO dat (source, path, format, name, size, sha1, imported_at, game_count, rom_count, disk_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0)`,
  );
  const insertGame = db.prepare(`INSERT INTO game (dat_id, name, description, is_bios, is_device) VALUES (?, ?, ?, 0, 0)`);
  const insertRom = db.prepare(`INSERT INTO rom (game_id, name, size, crc, md5, sha1, status) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const start = process.hrtime.bigint();
  db.exec('BEGIN');
  const datId = insertDat.run(dat.source, dat.path, dat.format, dat.header.name, dat.size, dat.sha1, Date.now()).lastInsertRowid;
  for (let g = 0; g < games; g++) {
    const game = makeGame(g);
    const gameId = insertGame.run(datId, game.name, game.description).lastInsertRowid;
    for (const rom of game.roms) insertRom.run(gameId, rom.name, rom.size, rom.crc, rom.md5, rom.sha1, rom.status);
  }
  db.exec('COMMIT');
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  return seconds;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'rommer-bench-store-'));
try {
  let baseline = Infinity;
  let writer = Infinity;
  for (let round = 0; round < rounds; round++) {
    // Swap the order every round so neither side always runs on a warmer machine.
    let b, w;
    if (round % 2 === 0) {
      b = await runBaseline(dir, round);
      w = await runWriter(dir, round);
    } else {
      w = await runWriter(dir, round);
      b = await runBaseline(dir, round);
    }
    console.log(`round ${round + 1}: better-sqlite3 loop ${b.toFixed(2)} s, store writer ${w.toFixed(2)} s`);
    baseline = Math.min(baseline, b);
    writer = Math.min(writer, w);
  }
  const total = games * ROMS_PER_GAME;
  const rate = (seconds) => Math.round(total / seconds).toLocaleString('en-US');
  console.log(`rows: ${total.toLocaleString('en-US')} ROMs in ${games.toLocaleString('en-US')} games`);
  console.log(`better-sqlite3 prepared-statement loop: ${rate(baseline)} rows/s`);
  console.log(`@rommer/store bulk writer:              ${rate(writer)} rows/s`);
  console.log(`ratio (writer / baseline): ${(baseline / writer).toFixed(2)}×`);
  benchResult({
    name: `store bulk writer (${total.toLocaleString('en-US')} ROM rows)`,
    measured: `${rate(writer)} rows/s`,
    baseline: `bare better-sqlite3: ${rate(baseline)} rows/s`,
    ratio: writer / baseline,
    target: 'rate ≥ 0.8× baseline',
    met: baseline / writer >= 0.8,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
