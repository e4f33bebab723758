import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { ArchiveError } from './errors.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchiveEntry } from './open-entry.js';
import { makeSevenZip, makeZip, patchBytes, removeDir, tempDir } from './test-support/archives.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const big = Array.from({ length: 50_000 }, (_, i) => `<rom name="r${i}" crc="${i.toString(16)}"/>\n`).join('');

describe('openArchiveEntry', () => {
  it('streams one zip entry', async () => {
    const file = join(dir, 'mame.zip');
    await writeFile(file, await makeZip([{ name: 'other.txt', data: 'x' }, { name: 'xml/mame0289.xml', data: big }]));
    expect(await text(await openArchiveEntry(file, 'xml/mame0289.xml'))).toBe(big);
  });

  it('emits an ArchiveError when the CRC-32 does not match at the end', async () => {
    const file = join(dir, 'bad.zip');
    const zip = await makeZip([{ name: 'a.dat', data: 'ABCDEFGHIJ', compress: false }]);
    await writeFile(file, patchBytes(zip, 'ABCDEFGHIJ', 'ABCDEFGHIX'));
    const stream = await openArchiveEntry(file, 'a.dat');
    const error = await text(stream as Readable).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as ArchiveError).message).toMatch(/bad\.zip: entry "a\.dat": CRC-32 mismatch/);
  });

  it('names the archive and the entry when the entry does not exist', async () => {
    const file = join(dir, 'a.zip');
    await writeFile(file, await makeZip([{ name: 'a.dat', data: 'a' }]));
    await expect(openArchiveEntry(file, 'b.dat')).rejects.toThrow(`${file}: entry "b.dat": no such file in the archive`);
  });

  it('streams one 7z entry and removes its temporary copy afterwards', async () => {
    const file = join(dir, 'pack.7z');
    await makeSevenZip(file, { 'a/one.dat': 'one', 'a/big.xml': big });
    const stream = await openArchiveEntry(file, 'a/big.xml');
    const path = (stream as Readable & { path: string }).path;
    expect(await text(stream)).toBe(big);
    // The copy is removed when the stream closes, asynchronously: wait for it with a deadline.
    const { existsSync } = await import('node:fs');
    for (let waited = 0; existsSync(path) && waited < 5000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(existsSync(path)).toBe(false);
  });
});
