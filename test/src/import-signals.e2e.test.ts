import fs from 'node:fs/promises';
import path from 'node:path';
import { openStore } from '@rommer/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './support/rommer-cli.js';

let sandbox: Sandbox;
const GAMES = 60_000;

/** A Logiqx DAT big enough that its import is still running when the signal comes. */
async function bigDat(file: string, name: string): Promise<void> {
  const games: string[] = [];
  for (let i = 0; i < GAMES; i++) {
    const crc = (i * 2654435761 >>> 0).toString(16).padStart(8, '0');
    games.push(`<game name="${name} ${i}"><description>${name} ${i}</description><rom name="${i}.bin" size="${i + 1}" crc="${crc}"/></game>`);
  }
  await fs.writeFile(file, `<?xml version="1.0"?>\n<datafile><header><name>${name}</name><description>${name}</description><version>1</version></header>\n${games.join('\n')}\n</datafile>\n`);
}

/** Waits (under any load) until the file exists, instead of guessing how long start-up takes. */
async function catalogueBeingWritten(file: string): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 50) {
    if (await fs.stat(file).then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${file} never appeared`);
}

beforeAll(async () => {
  sandbox = await createSandbox('rommer-e2e-signals-');
  await sandbox.writeConfig('');
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) await bigDat(path.join(sandbox.root, `big${n}.dat`), `Big ${n}`);
});

afterAll(async () => {
  await sandbox.cleanup();
});

describe.sequential('rommer import under signals (real processes)', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} stops the import between DATs, exits 130, and what was kept is whole`, async () => {
      const files = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => path.join(sandbox.root, `big${n}.dat`));
      // Each case starts from no catalogue, so that the log file below is this run's.
      for (const suffix of ['', '-wal', '-shm']) await fs.rm(path.join(sandbox.dataDir, `rommer.db${suffix}`), { force: true });
      const running = sandbox.start(['import', ...files]);
      // The catalogue's write-ahead log appears once the first DAT is being written: the signal
      // handlers are installed before the catalogue opens, and seven DATs are still to come.
      await catalogueBeingWritten(path.join(sandbox.dataDir, 'rommer.db-wal'));
      const sent = Date.now();
      running.child.kill(signal);
      const result = await running.done;
      // Promptly: between DATs or inside one (its transaction rolls back), never after the batch.
      expect(Date.now() - sent).toBeLessThan(15_000);
      expect(result.code, result.stdout + result.stderr).toBe(130);
      const store = await openStore(path.join(sandbox.dataDir, 'rommer.db'));
      try {
        // Each DAT held is complete (its transaction committed) or absent (rolled back).
        const dats = await store.listDats();
        expect(dats.length).toBeLessThan(8);
        for (const dat of dats) expect(dat.games).toBe(GAMES);
      } finally {
        await store.close();
      }
    });
  }
});
