import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { openStore } from './store.js';
import { datInput, game } from './test-support/sample.js';
import { useTempDirs } from './test-support/temp-dir.js';

const tempDir = useTempDirs();
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const vitestCli = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

test('a process killed in the middle of an import leaves the previous contents', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'rommer.db');
  const ready = path.join(dir, 'ready');
  const store = await openStore(file);
  const writer = store.beginDatImport(datInput());
  writer.addGame(game('Tetris (World)', [{ name: 'Tetris (World).gb', crc: '46df91ad' }]));
  const before = await writer.commit();
  await store.close();

  // A separate process (its own process group, so the kill reaches vitest's worker too) imports
  // without committing until its uncommitted pages are in the WAL file, then is killed.
  const child = spawn(
    process.execPath,
    [vitestCli, 'run', '--config', 'src/test-support/vitest.child.config.mts', '--reporter', 'dot'],
    { cwd: packageDir, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ROMMER_KILL_DB: file, ROMMER_KILL_READY: ready } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    for (let waited = 0; !existsSync(ready); waited += 100) {
      if (child.exitCode !== null || waited > 80_000) throw new Error(`the importing child did not get ready: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(Number(readFileSync(ready, 'utf8'))).toBeGreaterThan(4 * 1024 * 1024);
  } finally {
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
  }

  const after = await openStore(file);
  try {
    expect(await after.findDat(before.path)).toEqual(before);
    expect((await after.findRoms({ crc: '46DF91AD' })).map((match) => match.game.name)).toEqual(['Tetris (World)']);
    expect(await after.findRoms({ name: 'u1.bin' })).toEqual([]);
  } finally {
    await after.close();
  }
}, 120_000);
