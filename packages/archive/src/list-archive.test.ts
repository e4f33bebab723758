import { crc32 } from 'node:zlib';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listArchive } from './list-archive.js';
import { makeZip, patchBytes, removeDir, tempDir } from './test-support/archives.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const crcOf = (text: string) => crc32(Buffer.from(text)).toString(16).padStart(8, '0');

describe('listArchive (zip)', () => {
  it('lists files and folders with their sizes, names normalised to safe relative paths', async () => {
    const file = join(dir, 'pack.zip');
    await writeFile(
      file,
      await makeZip([
        { name: 'dats/', directory: true },
        { name: 'dats/a.dat', data: 'a'.repeat(1000) },
        { name: 'dats/b.dat', data: 'bb', compress: false },
      ]),
    );
    const entries = await listArchive(file);
    expect(entries).toEqual([
      { name: 'dats', size: 0, compressedSize: 0, isDirectory: true, crc32: null },
      { name: 'dats/a.dat', size: 1000, compressedSize: expect.any(Number) as number, isDirectory: false, crc32: crcOf('a'.repeat(1000)) },
      { name: 'dats/b.dat', size: 2, compressedSize: 2, isDirectory: false, crc32: crcOf('bb') },
    ]);
    expect(entries[1]!.compressedSize).toBeLessThan(100);
  });

  it('applies the safety checks already when listing', async () => {
    const file = join(dir, 'evil.zip');
    await writeFile(file, patchBytes(await makeZip([{ name: 'xx/x', data: 'x' }]), 'xx/x', '../x'));
    await expect(listArchive(file)).rejects.toThrow(`${file}: entry "../x": unsafe path: path leads outside the destination folder (..)`);
    const many = join(dir, 'many.zip');
    await writeFile(many, await makeZip([{ name: 'a', data: 'a' }, { name: 'b', data: 'b' }]));
    await expect(listArchive(many, { limits: { maxEntries: 1 } })).rejects.toThrow(/has 2 entries, more than the limit of 1/);
    await expect(listArchive(many, { limits: { maxEntryBytes: 0 } })).rejects.toThrow(/entry "a": 1 bytes uncompressed, more than the limit of 0/);
    expect(await listArchive(many, { limits: { maxTotalBytes: 1 } })).toHaveLength(2);
  });
});
