import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveError } from './errors.js';
import { CancelledError } from '@rommer/core/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractArchive } from './extract-archive.js';
import { clearUtf8Flags, listTree, makeZip, patchBytes, patchCentralHeaders, removeDir, tempDir } from './test-support/archives.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

async function writeZip(name: string, bytes: Buffer): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}

async function expectArchiveError(promise: Promise<unknown>, pattern: RegExp): Promise<ArchiveError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveError);
  expect((error as ArchiveError).message).toMatch(pattern);
  expect((error as ArchiveError).message).not.toContain('\n');
  return error as ArchiveError;
}

describe('extractArchive (zip)', () => {
  it('extracts a nested folder pack and reports files, bytes and progress', async () => {
    const file = await writeZip(
      'pack.zip',
      await makeZip([
        { name: 'TOSEC/', directory: true },
        { name: 'TOSEC/Atari/2600/Games (TOSEC-v2024).dat', data: '<datafile>atari</datafile>\n'.repeat(100) },
        { name: 'TOSEC-ISO/Sega/Saturn.dat', data: 'saturn', compress: false },
        { name: 'README.txt', data: 'hello' },
      ]),
    );
    const dest = join(dir, 'out');
    const progress: { entries: number; bytes: number; totalBytes: number }[] = [];
    const result = await extractArchive(file, dest, { onProgress: (p) => progress.push(p) });
    expect(await listTree(dest)).toEqual([
      'README.txt',
      'TOSEC-ISO/',
      'TOSEC-ISO/Sega/',
      'TOSEC-ISO/Sega/Saturn.dat',
      'TOSEC/',
      'TOSEC/Atari/',
      'TOSEC/Atari/2600/',
      'TOSEC/Atari/2600/Games (TOSEC-v2024).dat',
    ]);
    expect(await readFile(join(dest, 'TOSEC/Atari/2600/Games (TOSEC-v2024).dat'), 'utf8')).toBe(
      '<datafile>atari</datafile>\n'.repeat(100),
    );
    expect(result.files).toEqual(['TOSEC/Atari/2600/Games (TOSEC-v2024).dat', 'TOSEC-ISO/Sega/Saturn.dat', 'README.txt']);
    expect(result.bytes).toBe(2700 + 6 + 5);
    expect(result.skipped).toEqual([]);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ entries: 4, bytes: 2711, totalBytes: 2711 });
  });

  it('extracts only what the filter keeps', async () => {
    const file = await writeZip(
      'pack.zip',
      await makeZip([
        { name: 'a/one.dat', data: '1' },
        { name: 'a/one.txt', data: 'x' },
        { name: 'b/two.dat', data: '22' },
      ]),
    );
    const dest = join(dir, 'out');
    const result = await extractArchive(file, dest, { filter: (e) => e.name.endsWith('.dat') });
    expect(result.files).toEqual(['a/one.dat', 'b/two.dat']);
    expect(await listTree(dest)).toEqual(['a/', 'a/one.dat', 'b/', 'b/two.dat']);
  });

  it('keeps what destDir already holds', async () => {
    const file = await writeZip('pack.zip', await makeZip([{ name: 'new.dat', data: 'n' }]));
    const dest = join(dir, 'out');
    await mkdir(dest);
    await writeFile(join(dest, 'old.dat'), 'o');
    await extractArchive(file, dest);
    expect(await listTree(dest)).toEqual(['new.dat', 'old.dat']);
  });

  describe('refuses entries that would land outside destDir', () => {
    const cases: [string, string, string, RegExp][] = [
      ['../ (zip-slip)', 'xx/evil.txt', '../evil.txt', /entry "\.\.\/evil\.txt": unsafe path: path leads outside/],
      ['an absolute path', 'xevil.txt', '/evil.txt', /entry "\/evil\.txt": unsafe path: absolute path/],
      ['a drive letter', 'xxevil.txt', 'C:evil.txt', /entry "C:evil\.txt": unsafe path: absolute path with a drive letter/],
      ['backslashes', 'a/xx/evil.txt', 'a\\..\\evil.txt', /unsafe path: path leads outside/],
    ];
    for (const [label, planted, name, message] of cases) {
      it(label, async () => {
        const zip = await makeZip([
          { name: 'ok.dat', data: 'fine' },
          { name: planted, data: 'pwned' },
        ]);
        const file = await writeZip('evil.zip', patchBytes(zip, planted, name));
        const dest = join(dir, 'deep', 'out');
        const error = await expectArchiveError(extractArchive(file, dest), message);
        expect(error.archive).toBe(file);
        expect(error.entry).toBe(name);
        expect(await listTree(dir)).toEqual(['evil.zip']);
      });
    }
  });

  it('refuses symlink entries', async () => {
    const file = await writeZip(
      'link.zip',
      await makeZip([
        { name: 'ok.dat', data: 'fine' },
        { name: 'link', data: '/etc/passwd', mode: 0o120777 },
      ]),
    );
    const error = await expectArchiveError(extractArchive(file, join(dir, 'out')), /entry "link": symbolic links are not allowed/);
    expect(error.entry).toBe('link');
    expect(await listTree(dir)).toEqual(['link.zip']);
  });

  it('stops a zip bomb by its compression ratio', async () => {
    const file = await writeZip('bomb.zip', await makeZip([{ name: 'zeros.bin', data: Buffer.alloc(20 * 1024 * 1024) }]));
    await expectArchiveError(extractArchive(file, join(dir, 'out')), /entry "zeros\.bin": compression ratio \d+:1 exceeds the limit of 200:1/);
    expect(await listTree(dir)).toEqual(['bomb.zip']);
  });

  it('judges small entries together: 40 entries of 1 MiB - 1 zeros are a bomb, named by its first entry, and nothing is written', async () => {
    const zeros = Buffer.alloc(1024 * 1024 - 1);
    const specs = Array.from({ length: 40 }, (_, i) => ({ name: `z/zero${String(i).padStart(3, '0')}.dat`, data: zeros }));
    const file = await writeZip('small-bomb.zip', await makeZip(specs));
    await expectArchiveError(
      extractArchive(file, join(dir, 'out')),
      /small-bomb\.zip: 40 small entries \(the first "z\/zero000\.dat"\) expand to 41943000 bytes from \d+: compression ratio \d+:1 exceeds the limit of 200:1 \(a zip bomb\?\)$/,
    );
    expect(await listTree(dir)).toEqual(['small-bomb.zip']);
    // Small entries that compress like text are fine together.
    const text = Array.from({ length: 40 }, (_, i) => ({ name: `t${i}.dat`, data: randomBytes(50_000).toString('hex') }));
    const ok = await writeZip('text.zip', await makeZip(text));
    expect((await extractArchive(ok, join(dir, 'text'))).files).toHaveLength(40);
  });

  it('enforces total, per-entry and entry-count limits, and lets them be raised', async () => {
    const file = await writeZip(
      'pack.zip',
      await makeZip([
        { name: 'a.dat', data: 'a'.repeat(600) },
        { name: 'b.dat', data: 'b'.repeat(600) },
      ]),
    );
    await expectArchiveError(extractArchive(file, join(dir, 'o1'), { limits: { maxTotalBytes: 1000 } }), /1200 bytes uncompressed, more than the limit of 1000/);
    await expectArchiveError(extractArchive(file, join(dir, 'o2'), { limits: { maxEntryBytes: 500 } }), /entry "a\.dat": 600 bytes uncompressed, more than the limit of 500/);
    await expectArchiveError(extractArchive(file, join(dir, 'o3'), { limits: { maxEntries: 1 } }), /has 2 entries, more than the limit of 1/);
    // The filter counts: only what is written is held against the total.
    const result = await extractArchive(file, join(dir, 'o4'), { limits: { maxTotalBytes: 1000 }, filter: (e) => e.name === 'a.dat' });
    expect(result.files).toEqual(['a.dat']);
  });

  it('fails cleanly on a truncated zip', async () => {
    const zip = await makeZip([{ name: 'a.dat', data: Buffer.from('x'.repeat(5000)) }]);
    const file = await writeZip('cut.zip', zip.subarray(0, zip.length - 40));
    await expectArchiveError(extractArchive(file, join(dir, 'out')), /cut\.zip: not a readable zip archive/);
    expect(await listTree(dir)).toEqual(['cut.zip']);
  });

  it('detects a wrong CRC-32 and leaves no partial files, even after good entries', async () => {
    const zip = await makeZip([
      { name: 'good.dat', data: 'good data' },
      { name: 'bad.dat', data: 'ABCDEFGHIJ', compress: false },
    ]);
    const file = await writeZip('crc.zip', patchBytes(zip, 'ABCDEFGHIJ', 'ABCDEFGHIX'));
    const dest = join(dir, 'out');
    await mkdir(dest);
    await writeFile(join(dest, 'keep.txt'), 'mine');
    const error = await expectArchiveError(extractArchive(file, dest), /entry "bad\.dat": CRC-32 mismatch \(expected [0-9a-f]{8}, got [0-9a-f]{8}\)/);
    expect(error.entry).toBe('bad.dat');
    expect(await listTree(dest)).toEqual(['keep.txt']);
  });

  it('fails cleanly on corrupt deflate data', async () => {
    const data = Buffer.from(Array.from({ length: 4000 }, (_, i) => `line ${i}\n`).join(''));
    const zip = await makeZip([{ name: 'a.dat', data }]);
    const corrupt = Buffer.from(zip);
    for (let i = 60; i < 200; i++) corrupt[i] = 0xff;
    const file = await writeZip('corrupt.zip', corrupt);
    await expectArchiveError(extractArchive(file, join(dir, 'out')), /entry "a\.dat": (corrupt data|CRC-32 mismatch|ended after)/);
    expect(await listTree(dir)).toEqual(['corrupt.zip']);
  });

  it('reads a name flagged UTF-8 that is not UTF-8 as CP437, with a warning, and extracts it', async () => {
    const zip = await makeZip([
      { name: 'Disc (Caf_).cue', data: 'FILE' },
      { name: 'ok.dat', data: 'ok' },
    ]);
    // 0x82 is "é" in CP437 and never valid alone in UTF-8.
    const file = await writeZip('cp437.zip', patchBytes(zip, 'Caf_', Buffer.from([0x43, 0x61, 0x66, 0x82])));
    const warnings: string[] = [];
    const result = await extractArchive(file, join(dir, 'out'), { onWarning: (w) => warnings.push(w) });
    expect(result.files).toEqual(['Disc (Café).cue', 'ok.dat']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not valid UTF-8; read as CP437: "Disc \(Café\)\.cue"/);
    expect(await readFile(join(dir, 'out', 'Disc (Café).cue'), 'utf8')).toBe('FILE');
  });

  it('reads an unflagged name as CP437 per the zip spec', async () => {
    const zip = await makeZip([{ name: 'Ma_ana.dat', data: 'x' }]);
    const file = await writeZip('dos.zip', clearUtf8Flags(patchBytes(zip, 'Ma_ana', Buffer.from([0x4d, 0x61, 0xa4, 0x61, 0x6e, 0x61]))));
    const result = await extractArchive(file, join(dir, 'out'));
    expect(result.files).toEqual(['Mañana.dat']);
  });

  it('skips a name with control characters with a warning instead of aborting', async () => {
    const zip = await makeZip([
      { name: 'bad_.cue', data: 'x' },
      { name: 'good.dat', data: 'y' },
    ]);
    const file = await writeZip('ctl.zip', patchBytes(zip, 'bad_', 'bad\x01'));
    const warnings: string[] = [];
    const result = await extractArchive(file, join(dir, 'out'), { onWarning: (w) => warnings.push(w) });
    expect(result.files).toEqual(['good.dat']);
    expect(result.skipped).toEqual([{ name: 'bad\x01.cue', reason: expect.stringMatching(/control characters/) as string }]);
    expect(warnings[0]).toMatch(/ctl\.zip: entry "bad\\u0001\.cue": name contains control characters/);
  });

  it('reports an HTML page where a zip was due', async () => {
    const file = join(dir, 'login.zip');
    await writeFile(file, '<!DOCTYPE html>\n<html><head><title>Login</title></head><body><form></form></body></html>');
    await expectArchiveError(
      extractArchive(file, join(dir, 'out')),
      /login\.zip: expected a zip or 7z archive but got an HTML page \(a login or error page\?\)$/,
    );
  });

  it('stops when the signal aborts and leaves nothing behind', async () => {
    const file = await writeZip(
      'pack.zip',
      await makeZip(Array.from({ length: 50 }, (_, i) => ({ name: `f${i}.dat`, data: 'x'.repeat(1000) }))),
    );
    const controller = new AbortController();
    const dest = join(dir, 'out');
    const error = await extractArchive(file, dest, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.entries === 10) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(await listTree(dir)).toEqual(['pack.zip']);
  });

  it('reports a destination that cannot be made as an ArchiveError', async () => {
    const file = await writeZip('pack.zip', await makeZip([{ name: 'a.dat', data: 'a' }]));
    const blocker = join(dir, 'not-a-folder');
    await writeFile(blocker, 'x');
    const error = await expectArchiveError(extractArchive(file, blocker), /pack\.zip: extraction failed: EEXIST/);
    expect(error.archive).toBe(file);
  });

  it('reports an entry that clashes with a file of the same name', async () => {
    const file = await writeZip(
      'clash.zip',
      await makeZip([
        { name: 'a', data: 'file' },
        { name: 'a/b.dat', data: 'inside' },
      ]),
    );
    await expectArchiveError(
      extractArchive(file, join(dir, 'out')),
      /clash\.zip: entry "a": is a file, but other entries use the same path as a folder$/,
    );
    expect(await listTree(dir)).toEqual(['clash.zip']);
  });

  it('stops an entry that inflates past the size its header declares', async () => {
    const zip = await makeZip([{ name: 'liar.bin', data: Buffer.alloc(500_000, 'a') }]);
    const file = await writeZip('liar.zip', patchCentralHeaders(zip, { uncompressedSize: 1000 }));
    await expectArchiveError(extractArchive(file, join(dir, 'out')), /entry "liar\.bin": holds more data than its declared 1000 bytes/);
    expect(await listTree(dir)).toEqual(['liar.zip']);
  });

  it('notices an entry shorter than its header declares', async () => {
    const zip = await makeZip([{ name: 'short.dat', data: 'only this' }]);
    const file = await writeZip('short.zip', patchCentralHeaders(zip, { uncompressedSize: 50 }));
    await expectArchiveError(extractArchive(file, join(dir, 'out')), /entry "short\.dat": ended after 9 of 50 bytes/);
  });

  it('names unsupported compression methods and encrypted entries', async () => {
    const zip = await makeZip([{ name: 'a.dat', data: 'x'.repeat(100) }]);
    const bzip2 = await writeZip('bzip2.zip', patchCentralHeaders(zip, { compressionMethod: 12 }));
    await expectArchiveError(extractArchive(bzip2, join(dir, 'o1')), /entry "a\.dat": uses compression method 12; only stored \(0\) and deflate \(8\)/);
    const encrypted = await writeZip('secret.zip', patchCentralHeaders(zip, { flags: 0x1 }));
    await expectArchiveError(extractArchive(encrypted, join(dir, 'o2')), /entry "a\.dat": is encrypted/);
    expect(await listTree(dir)).toEqual(['bzip2.zip', 'secret.zip']);
  });

  describe('large entries (streamed, not read whole)', () => {
    const big = () => randomBytes(6 * 1024 * 1024);

    it('are extracted intact', async () => {
      const data = big();
      const file = await writeZip('big.zip', await makeZip([{ name: 'big.bin', data }, { name: 'small.dat', data: 'x' }]));
      const result = await extractArchive(file, join(dir, 'out'));
      expect(result.bytes).toBe(data.length + 1);
      expect((await readFile(join(dir, 'out', 'big.bin'))).equals(data)).toBe(true);
    });

    it('fail on a CRC-32 mismatch', async () => {
      const data = big();
      const zip = await makeZip([{ name: 'big.bin', data, compress: false }]);
      const corrupt = Buffer.from(zip);
      const at = corrupt.indexOf(data.subarray(0, 64)) + 3_000_000;
      corrupt[at] = corrupt[at]! ^ 0xff;
      const file = await writeZip('bigcrc.zip', corrupt);
      await expectArchiveError(extractArchive(file, join(dir, 'out')), /entry "big\.bin": CRC-32 mismatch/);
      expect(await listTree(dir)).toEqual(['bigcrc.zip']);
    });

    it('stop when they inflate past their declared size', async () => {
      const zip = await makeZip([{ name: 'big.bin', data: big() }]);
      const file = await writeZip('bigliar.zip', patchCentralHeaders(zip, { uncompressedSize: 5 * 1024 * 1024 }));
      await expectArchiveError(extractArchive(file, join(dir, 'out')), /entry "big\.bin": holds more data than its declared 5242880 bytes/);
      expect(await listTree(dir)).toEqual(['bigliar.zip']);
    });
  });
});
