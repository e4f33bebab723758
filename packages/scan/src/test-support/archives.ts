// Real zip (yazl) and 7z (7-Zip as WebAssembly) archives for the tests.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';

export async function writeZip(file: string, entries: Record<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(entries)) zip.addBuffer(data, name, { compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve());
    zip.outputStream.on('error', reject);
  });
  await writeFile(file, Buffer.concat(chunks));
}

interface SevenZipModule {
  FS: { mkdir(at: string): void; mount(fs: unknown, options: { root: string }, at: string): void };
  NODEFS: unknown;
  callMain(args: string[]): number | undefined;
}

export async function writeSevenZip(file: string, entries: Record<string, Buffer>): Promise<void> {
  const src = await mkdtemp(path.join(os.tmpdir(), 'rommer-scan-7z-'));
  try {
    for (const [name, data] of Object.entries(entries)) await writeFile(path.join(src, name), data);
    const require = createRequire(import.meta.url);
    const SevenZip = require('7z-wasm') as (options: object) => Promise<SevenZipModule>;
    const module = await SevenZip({ print: () => undefined, printErr: () => undefined });
    module.FS.mkdir('/src');
    module.FS.mount(module.NODEFS, { root: src }, '/src');
    module.FS.mkdir('/out');
    module.FS.mount(module.NODEFS, { root: path.dirname(path.resolve(file)) }, '/out');
    let code: number | undefined;
    try {
      code = module.callMain(['a', '-t7z', '-bsp0', '-bso0', `/out/${path.basename(file)}`, '/src/*']);
    } catch (error) {
      code = typeof error === 'number' ? error : 1;
    }
    if (code !== undefined && code !== 0) throw new Error(`7z a failed with ${code}`);
  } finally {
    await rm(src, { recursive: true, force: true });
  }
}
