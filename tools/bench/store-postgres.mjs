#!/usr/bin/env node
// @rommer/store's PostgreSQL import against its SQLite import and against a bare COPY, same run.
//
//   npm run build && node tools/bench/store-postgres.mjs [rows=300000] [rounds=2]
//
// Starts a throw-away PostgreSQL server (tools/test-postgres; Debian's server binaries) on a loopback
// port. Each round writes the same synthetic games (10 ROMs each, CRC/MD5/SHA-1 filled) three ways,
// each into a fresh catalogue with the store's schema and indexes, in one transaction:
//   sqlite   — the store's writer on a SQLite file (the engine rommer uses by default)
//   postgres — the store's writer on PostgreSQL (COPY batches through pg-copy-streams)
//   copy     — a bare COPY of the same rows (game rows with their ids, then ROM rows) on one connection
// Rounds rotate the order; the best run of each counts. Targets: postgres ≤ 1.5× sqlite's time, and
// postgres ≥ 0.8× the rate of the bare COPY.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { openStore } from '../../packages/store/dist/index.js';
import { createDatabase, startPostgres } from '../test-postgres/dist/index.js';
import { benchResult } from './bench-result.mjs';

const rows = Number(process.argv[2] ?? 300_000);
const rounds = Number(process.argv[3] ?? 2);
const ROMS_PER_GAME = 10;
/** Games between two turns of the event loop (a parser's chunk of a ListXML file holds about this many). */
const YIELD_EVERY = 500;
const games = Math.ceil(rows / ROMS_PER_GAME);
if (!Number.isSafeInteger(rows) || rows < ROMS_PER_GAME || !Number.isSafeInteger(rounds) || rounds < 1) {
  console.error('usage: node tools/bench/store-postgres.mjs [rows >= 10] [rounds >= 1]');
  process.exit(2);
}

const dat = { source: 'bench', path: 'bench/synthetic.dat', format: 'logiqx', header: { name: 'synthetic' }, size: 0, sha1: 'a'.repeat(40) };

/** Game g with its ROMs (hashes lower-case here, so the bare COPY needs no normalising either). */
function makeGame(g) {
  const roms = [];
  for (let r = 0; r < ROMS_PER_GAME; r++) {
    const i = g * ROMS_PER_GAME + r;
    const crc = (Math.imul(i + 1, 2654435761) >>> 0).toString(16).padStart(8, '0');
    roms.push({ name: `rom-${i}.bin`, size: i, crc, md5: crc.repeat(4), sha1: crc.repeat(5), status: null });
  }
  return { name: `game-${g}`, description: `Game ${g}`, roms, disks: [] };
}

/** The bytes of the Logiqx DAT these games come from: both writers decide on the DAT's size how to load it. */
function logiqxBytes() {
  let bytes = 0;
  for (let g = 0; g < games; g++) {
    const game = makeGame(g);
    bytes += `\t<game name="${game.name}">\n\t\t<description>${game.description}</description>\n\t</game>\n`.length;
    for (const rom of game.roms)
      bytes += `\t\t<rom name="${rom.name}" size="${rom.size}" crc="${rom.crc}" md5="${rom.md5}" sha1="${rom.sha1}"/>\n`.length;
  }
  return bytes;
}
dat.size = logiqxBytes();

async function runWriter(location) {
  const store = await openStore(location);
  const start = process.hrtime.bigint();
  const writer = store.beginDatImport(dat);
  for (let g = 0; g < games; g++) {
    writer.addGame(makeGame(g));
    // As the streaming parser does between chunks: the event loop runs, so batches already handed
    // to the writer go out while the next games are made (SQLite writes at once either way).
    if (g % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  const record = await writer.commit();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await store.close();
  if (record.roms !== games * ROMS_PER_GAME) throw new Error(`writer stored ${record.roms} ROMs`);
  return seconds;
}

/** COPY text of every game (ids 1..n) or of every ROM, produced while it streams. */
function* gameLines(datId) {
  let chunk = '';
  for (let g = 0; g < games; g++) {
    const game = makeGame(g);
    chunk += `${g + 1}\t${datId}\t${game.name}\t${game.description}\t\\N\t\\N\t\\N\t\\N\tf\tf\n`;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
function* romLines() {
  let chunk = '';
  for (let g = 0; g < games; g++) {
    for (const rom of makeGame(g).roms) {
      chunk += `${g + 1}\t${rom.name}\t${rom.size}\t${rom.crc}\t${rom.md5}\t${rom.sha1}\t\\N\t\\N\t\\N\t\\N\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk !== '') yield chunk;
}

async function runBareCopy(url) {
  // A fresh catalogue with the store's schema and indexes; only the code path differs.
  await (await openStore(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const start = process.hrtime.bigint();
  await client.query('BEGIN');
  const { rows: inserted } = await client.query(
    `INSERT INTO dat (source, path, format, name, size, sha1, imported_at, game_count, rom_count, disk_count) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, 0) RETURNING id`,
    [dat.source, dat.path, dat.format, dat.header.name, dat.size, dat.sha1, Date.now()],
  );
  const datId = inserted[0].id;
  await pipeline(Readable.from(gameLines(datId)), client.query(copyStreams.from('COPY game (id, dat_id, name, description, year, manufacturer, clone_of, rom_of, is_bios, is_device) FROM STDIN')));
  await pipeline(Readable.from(romLines()), client.query(copyStreams.from('COPY rom (game_id, name, size, crc, md5, sha1, sha256, status, merge, serial) FROM STDIN')));
  await client.query('COMMIT');
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await client.end();
  return seconds;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'rommer-bench-pg-'));
const server = await startPostgres();
try {
  const best = { sqlite: Infinity, postgres: Infinity, copy: Infinity };
  const sides = {
    sqlite: (round) => runWriter(path.join(dir, `writer-${round}.db`)),
    postgres: async () => runWriter(await createDatabase(server.adminUrl, 'bench')),
    copy: async () => runBareCopy(await createDatabase(server.adminUrl, 'bench')),
  };
  const order = Object.keys(sides);
  for (let round = 0; round < rounds; round++) {
    // Rotate the order every round so no side always runs on a warmer (or busier) machine.
    const turn = [...order.slice(round % 3), ...order.slice(0, round % 3)];
    const took = {};
    for (const side of turn) took[side] = await sides[side](round);
    console.log(`round ${round + 1}: ${turn.map((side) => `${side} ${took[side].toFixed(2)} s`).join(', ')}`);
    for (const side of order) best[side] = Math.min(best[side], took[side]);
  }
  const total = games * ROMS_PER_GAME;
  const rate = (seconds) => Math.round(total / seconds).toLocaleString('en-US');
  const timeRatio = best.postgres / best.sqlite;
  const rateRatio = best.copy / best.postgres;
  console.log(`rows: ${total.toLocaleString('en-US')} ROMs in ${games.toLocaleString('en-US')} games; PostgreSQL ${server.version}`);
  console.log(`store on SQLite:     ${best.sqlite.toFixed(2)} s (${rate(best.sqlite)} rows/s)`);
  console.log(`store on PostgreSQL: ${best.postgres.toFixed(2)} s (${rate(best.postgres)} rows/s)`);
  console.log(`bare COPY:           ${best.copy.toFixed(2)} s (${rate(best.copy)} rows/s)`);
  console.log(`PostgreSQL time / SQLite time: ${timeRatio.toFixed(2)}× (target ≤ 1.5×)`);
  console.log(`PostgreSQL rate / bare COPY rate: ${rateRatio.toFixed(2)}× (target ≥ 0.8×)`);
  benchResult({
    name: `store import on PostgreSQL vs SQLite (${total.toLocaleString('en-US')} ROM rows)`,
    measured: `${best.postgres.toFixed(2)} s`,
    baseline: `store on SQLite: ${best.sqlite.toFixed(2)} s`,
    ratio: timeRatio,
    target: 'time ≤ 1.5× SQLite',
    met: timeRatio <= 1.5,
  });
  benchResult({
    name: `store import on PostgreSQL vs bare COPY (${total.toLocaleString('en-US')} ROM rows)`,
    measured: `${rate(best.postgres)} rows/s`,
    baseline: `bare COPY: ${rate(best.copy)} rows/s`,
    ratio: rateRatio,
    target: 'rate ≥ 0.8× bare COPY',
    met: rateRatio >= 0.8,
  });
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
