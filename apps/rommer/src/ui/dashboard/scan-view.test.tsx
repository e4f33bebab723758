// The scan view with a real scan: a real catalogue and a real folder, keys as a terminal sends them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { createHash } from 'node:crypto';
import { scanCollection } from '@rommer/scan';
import { openStore, type Store } from '@rommer/store';
import { cleanup, render } from 'ink-testing-library';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ScanView, reduceScanView, type ScanKeyHandler, type StartScan } from './scan-view.js';
import { eventually, keys, press } from './test-support/terminal.js';
import { ThemeProvider } from './theme.js';
import { useInput } from 'ink';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  cleanup();
  for (const run of cleanups.splice(0)) await run();
});

async function catalogueAndFolder(): Promise<{ store: Store; folder: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'rommer-scan-view-'));
  const store = await openStore(path.join(root, 'rommer.db'));
  cleanups.push(async () => {
    await store.close();
    await rm(root, { recursive: true, force: true });
  });
  const data = Buffer.from('a tiny rom, but a real one');
  const writer = store.beginDatImport({ source: 'opengood', path: 'opengood/Tiny.dat', format: 'logiqx', header: { name: 'Tiny', version: '3' }, size: 1, sha1: 'a'.repeat(40) });
  writer.addGame({ name: 'Tiny Game', roms: [{ name: 'tiny.bin', size: data.length, crc: crc32(data).toString(16).padStart(8, '0'), sha1: createHash('sha1').update(data).digest('hex') }], disks: [] });
  writer.addGame({ name: 'Other Game', roms: [{ name: 'other.bin', size: 3, crc: '01020304' }], disks: [] });
  await writer.commit();
  const folder = path.join(root, 'roms');
  await import('node:fs/promises').then((fs) => fs.mkdir(folder));
  await writeFile(path.join(folder, 'renamed.bin'), data);
  return { store, folder };
}

/** The dashboard's arrangement: one input handler that hands keys to the view. */
function Harness({ paths, start, onClose }: { paths: string[]; start: StartScan; onClose: () => void }) {
  const handler = useRef<ScanKeyHandler | null>(null);
  useInput((input, key) => handler.current?.(input, key));
  return (
    <ThemeProvider colour={false}>
      <ScanView paths={paths} start={start} width={100} keys={handler} onClose={onClose} />
    </ThemeProvider>
  );
}

describe('ScanView', () => {
  it('picks a folder from [scan] paths, scans it for real, and shows have/missing per DAT', async () => {
    const { store, folder } = await catalogueAndFolder();
    let closed = false;
    const start: StartScan = (p, onEvent, signal) => scanCollection({ store, paths: [p], onEvent, signal });
    const view = render(<Harness paths={['/nowhere/else', folder]} start={start} onClose={() => (closed = true)} />);
    expect(view.lastFrame()).toContain('› /nowhere/else');
    await press(view.stdin, keys.down);
    await eventually(() => expect(view.lastFrame()).toContain(`› ${folder}`));
    await press(view.stdin, keys.enter);
    await eventually(() => expect(view.lastFrame()).toContain('Tiny (3): have 1/2 (50%), missing 1'), 20_000);
    expect(view.lastFrame()).toContain('1 files: 1 identified, 0 unknown');
    await press(view.stdin, 'q');
    await eventually(() => expect(closed).toBe(true));
  });

  it('says how to configure folders when [scan] paths is empty', () => {
    const view = render(<Harness paths={[]} start={() => Promise.reject(new Error('unused'))} onClose={() => undefined} />);
    expect(view.lastFrame()).toContain('add them to sources.conf as [scan] paths = ["~/roms"]');
  });

  it('keeps the last files identified and the progress while a scan runs', () => {
    let state = reduceScanView({ cursor: 0, phase: { name: 'pick' }, runs: 0 }, { type: 'start', path: '/r', now: 0 });
    for (let i = 0; i < 7; i++) {
      state = reduceScanView(state, { type: 'event', event: { type: 'file', file: { path: `/r/${i}`, entry: null, size: 1, crc: null, sha1: null, header: null, matches: [] } } });
    }
    state = reduceScanView(state, { type: 'event', event: { type: 'progress', files: 7, totalFiles: 9, bytes: 7, totalBytes: 9, cachedFiles: 0 } });
    expect(state.phase).toMatchObject({ name: 'run', recent: ['? /r/2 unknown', '? /r/3 unknown', '? /r/4 unknown', '? /r/5 unknown', '? /r/6 unknown'], progress: { files: 7 } });
  });
});
