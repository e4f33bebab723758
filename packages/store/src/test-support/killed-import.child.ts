// Run by killed-process.test.ts in a separate vitest process, which it then kills with SIGKILL:
// opens the catalogue named by ROMMER_KILL_DB, replaces a DAT with many rows without committing,
// and reports (by creating ROMMER_KILL_READY) once uncommitted pages have reached the WAL file.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { openStore } from '../store.js';
import { datInput, game } from './sample.js';

test('import without ever committing', async () => {
  const file = process.env['ROMMER_KILL_DB'];
  const ready = process.env['ROMMER_KILL_READY'];
  if (file === undefined || ready === undefined) throw new Error('ROMMER_KILL_DB and ROMMER_KILL_READY must be set');
  const store = await openStore(file);
  const writer = store.beginDatImport(datInput({ sha1: 'c'.repeat(40) }));
  const walSize = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  const start = walSize();
  // Long descriptions fill the 64 MiB page cache quickly, so SQLite spills uncommitted pages to the WAL.
  const filler = 'x'.repeat(2000);
  for (let g = 0; g < 200_000; g++) {
    const roms = [{ name: `u${g}.bin`, crc: (g * 7919).toString(16), sha1: g.toString(16).padStart(40, 'f') }];
    writer.addGame(game(`Uncommitted ${g}`, roms, { description: `${filler} ${g}` }));
    if (g % 1000 === 999 && walSize() > start + 4 * 1024 * 1024) break;
  }
  writeFileSync(ready, String(walSize() - start));
  await new Promise(() => {}); // wait for SIGKILL
}, 600_000);
