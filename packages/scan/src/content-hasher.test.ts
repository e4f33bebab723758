import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { createContentHasher, hashFile } from './content-hasher.mjs';
import { createHashPool } from './hash-pool.js';
import { detectHeader } from './headers.mjs';

const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rommer-scan-hash-'));
  dirs.push(dir);
  return dir;
}

const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const crc = (data: Buffer) => crc32(data).toString(16).padStart(8, '0');

function header(kind: 'ines' | 'fds' | 'a7800' | 'lynx'): Buffer {
  const bytes = { ines: 16, fds: 16, a7800: 128, lynx: 64 }[kind];
  const h = Buffer.alloc(bytes, 0x11);
  if (kind === 'ines') h.write('NES\x1a', 0, 'latin1');
  if (kind === 'fds') h.write('FDS\x1a', 0, 'latin1');
  if (kind === 'a7800') h.write('ATARI7800', 1, 'latin1');
  if (kind === 'lynx') h.write('LYNX', 0, 'latin1');
  return h;
}

describe('headers', () => {
  test.each(['ines', 'fds', 'a7800', 'lynx'] as const)('%s is recognised by its magic at its offset', (kind) => {
    const file = Buffer.concat([header(kind), Buffer.alloc(1024)]);
    expect(detectHeader(file, file.length)?.kind).toBe(kind);
  });

  test('no header: other bytes, the magic at the wrong offset, or a file no longer than the header', () => {
    expect(detectHeader(Buffer.from('hello world, just a file'), 24)).toBeNull();
    expect(detectHeader(Buffer.from('xNES\x1a..........', 'latin1'), 100)).toBeNull();
    expect(detectHeader(Buffer.from('ATARI7800.......', 'latin1'), 500)).toBeNull();
    expect(detectHeader(header('ines'), 16)).toBeNull();
  });
});

describe('createContentHasher', () => {
  test('size, CRC-32 and SHA-1 in one pass, whatever the chunking', () => {
    const data = randomBytes(100_003);
    for (const step of [1, 7, 4096, 200_000]) {
      const hasher = createContentHasher(data.length);
      for (let i = 0; i < data.length; i += step) hasher.update(data.subarray(i, i + step));
      expect(hasher.digest()).toEqual({ size: data.length, crc: crc(data), sha1: sha1(data), md5: null, sha256: null, header: null });
    }
  });

  test('a headered dump also gets the hashes of what follows the header, even when chunks split it', () => {
    const body = randomBytes(40_960);
    const file = Buffer.concat([header('ines'), body]);
    for (const step of [3, 16, 17, 50_000]) {
      const hasher = createContentHasher(file.length, { md5Sizes: new Set([body.length]) });
      for (let i = 0; i < file.length; i += step) hasher.update(file.subarray(i, i + step));
      const digest = hasher.digest();
      expect(digest.sha1).toBe(sha1(file));
      expect(digest.md5).toBeNull();
      expect(digest.header).toEqual({ kind: 'ines', size: 16, crc: crc(body), sha1: sha1(body), md5: md5(body), sha256: null });
    }
  });

  test('MD5 and SHA-256 only for the sizes asked for', () => {
    const data = randomBytes(999);
    const hasher = createContentHasher(999, { md5Sizes: new Set([999]), sha256Sizes: new Set([999]) });
    hasher.update(data);
    const digest = hasher.digest();
    expect(digest.md5).toBe(md5(data));
    expect(digest.sha256).toBe(createHash('sha256').update(data).digest('hex'));
  });

  test('fewer or more bytes than announced is an error (a file that changed while read)', () => {
    const hasher = createContentHasher(10);
    hasher.update(Buffer.alloc(9));
    expect(() => hasher.digest()).toThrow('read 9 bytes where 10 were expected');
  });
});

describe('hashFile and the worker pool', () => {
  test('hash a file across the double buffer, on a worker as in the main thread', async () => {
    const dir = await tempDir();
    const data = Buffer.concat([header('lynx'), randomBytes(3 * 1024 * 1024 + 5)]);
    const file = path.join(dir, 'game.lnx');
    await writeFile(file, data);
    const direct = await hashFile(file);
    expect(direct).toMatchObject({ size: data.length, fileSize: data.length, crc: crc(data), sha1: sha1(data) });
    expect(direct.header).toMatchObject({ kind: 'lynx', size: 64, sha1: sha1(data.subarray(64)) });
    const pool = createHashPool(2);
    try {
      let bytes = 0;
      const [a, b] = await Promise.all([pool.hash(file, {}, (n) => (bytes += n)), pool.hash(file, {})]);
      expect(a).toEqual(direct);
      expect(b).toEqual(direct);
      expect(bytes).toBe(data.length);
      await expect(pool.hash(path.join(dir, 'missing'), {})).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await pool.close();
    }
  });
});
