import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveError } from './errors.js';
import { CancelledError } from '@rommer/core/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractArchive } from './extract-archive.js';
import { listArchive } from './list-archive.js';
import { listTree, makeSevenZip, patchSevenZipName, removeDir, tempDir } from './test-support/archives.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const pack = {
  'TOSEC/Atari/2600/Games (TOSEC-v2024).dat': '<datafile>atari</datafile>\n'.repeat(100),
  'TOSEC-ISO/Sega/Saturn [ISO].dat': 'saturn',
  'TOSEC-PIX/readme.txt': 'pix',
};

async function failure(promise: Promise<unknown>): Promise<ArchiveError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArchiveError);
  expect((error as Error).message).not.toContain('\n');
  return error as ArchiveError;
}

describe('7z archives', () => {
  it('lists entries with sizes and folders', async () => {
    const file = join(dir, 'pack.7z');
    await makeSevenZip(file, pack);
    const entries = await listArchive(file);
    expect(entries.map((e) => [e.name, e.size, e.isDirectory]).sort()).toEqual(
      [
        ['TOSEC', 0, true],
        ['TOSEC/Atari', 0, true],
        ['TOSEC/Atari/2600', 0, true],
        ['TOSEC/Atari/2600/Games (TOSEC-v2024).dat', 2700, false],
        ['TOSEC-ISO', 0, true],
        ['TOSEC-ISO/Sega', 0, true],
        ['TOSEC-ISO/Sega/Saturn [ISO].dat', 6, false],
        ['TOSEC-PIX', 0, true],
        ['TOSEC-PIX/readme.txt', 3, false],
      ].sort(),
    );
  });

  it('extracts a nested folder pack, with progress', async () => {
    const file = join(dir, 'pack.7z');
    await makeSevenZip(file, pack);
    const dest = join(dir, 'out');
    const seen: { entries: number; bytes: number; totalBytes: number; totalEntries: number }[] = [];
    const result = await extractArchive(file, dest, { onProgress: (p) => seen.push(p) });
    expect(result.files.sort()).toEqual(Object.keys(pack).sort());
    expect(result.bytes).toBe(2709);
    for (const [name, content] of Object.entries(pack)) expect(await readFile(join(dest, name), 'utf8')).toBe(content);
    expect(await listTree(dest)).toContain('TOSEC-PIX/');
    expect(seen.at(-1)).toMatchObject({ entries: 9, totalEntries: 9, bytes: 2709, totalBytes: 2709 });
    // Entries and bytes only grow.
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.entries).toBeGreaterThanOrEqual(seen[i - 1]!.entries);
      expect(seen[i]!.bytes).toBeGreaterThanOrEqual(seen[i - 1]!.bytes);
    }
    const filtered: { entries: number; totalEntries: number }[] = [];
    await extractArchive(file, join(dir, 'out2'), { filter: (e) => e.isDirectory || e.name.endsWith('.txt'), onProgress: (p) => filtered.push(p) });
    expect(filtered.at(-1)).toMatchObject({ entries: 7, totalEntries: 7, bytes: 3, totalBytes: 3 });
  });

  it('extracts only what the filter keeps (names with brackets are taken literally)', async () => {
    const file = join(dir, 'pack.7z');
    await makeSevenZip(file, { ...pack, 'TOSEC-ISO/Sega/Saturn [ISO].txt': 'not me' });
    const dest = join(dir, 'out');
    const result = await extractArchive(file, dest, { filter: (e) => e.name.endsWith('.dat') });
    expect(result.files.sort()).toEqual(['TOSEC-ISO/Sega/Saturn [ISO].dat', 'TOSEC/Atari/2600/Games (TOSEC-v2024).dat']);
    expect(await listTree(dest)).toEqual([
      'TOSEC-ISO/',
      'TOSEC-ISO/Sega/',
      'TOSEC-ISO/Sega/Saturn [ISO].dat',
      'TOSEC/',
      'TOSEC/Atari/',
      'TOSEC/Atari/2600/',
      'TOSEC/Atari/2600/Games (TOSEC-v2024).dat',
    ]);
  });

  it('refuses symlink entries before writing anything', async () => {
    const file = join(dir, 'link.7z');
    await makeSevenZip(file, { 'a.dat': 'a', 'evil': { symlinkTo: '/etc/passwd' } });
    const error = await failure(extractArchive(file, join(dir, 'out')));
    expect(error.message).toBe(`${file}: entry "evil": symbolic links are not allowed`);
    expect(await listTree(dir)).toEqual(['link.7z']);
  });

  it('refuses an entry that climbs out with ../', async () => {
    const file = join(dir, 'slip.7z');
    await makeSevenZip(file, { 'ok.dat': 'ok', 'xx/evil.txt': 'pwned' }, ['-mhc=off']);
    await patchSevenZipName(file, 'xx/evil.txt', '../evil.txt');
    const error = await failure(extractArchive(file, join(dir, 'out')));
    expect(error.message).toMatch(/entry "\.\.\/evil\.txt": unsafe path: path leads outside/);
    expect(error.entry).toBe('../evil.txt');
    expect(await listTree(dir)).toEqual(['slip.7z']);
  });

  it('stops a bomb by its (solid block) compression ratio', async () => {
    const file = join(dir, 'bomb.7z');
    await makeSevenZip(file, { 'zeros.bin': Buffer.alloc(8 * 1024 * 1024) });
    const error = await failure(extractArchive(file, join(dir, 'out')));
    expect(error.message).toMatch(/entry "zeros\.bin": compression ratio \d+:1 exceeds the limit of 200:1/);
    const entries = await listArchive(file, { limits: { maxRatio: 1_000_000 } });
    expect(entries).toEqual([
      {
        name: 'zeros.bin',
        size: 8 * 1024 * 1024,
        compressedSize: expect.any(Number) as number,
        isDirectory: false,
        crc32: crc32(Buffer.alloc(8 * 1024 * 1024)).toString(16).padStart(8, '0'),
      },
    ]);
  });

  it('fails cleanly on a truncated 7z', async () => {
    const file = join(dir, 'cut.7z');
    await makeSevenZip(file, { 'a.bin': randomBytes(200_000) });
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length >> 1));
    const error = await failure(extractArchive(file, join(dir, 'out')));
    expect(error.message).toMatch(/cut\.7z: not a readable 7z archive \(.*(Unexpected end of archive|Cannot open)/);
    expect(await listTree(dir)).toEqual(['cut.7z']);
  });

  it('fails cleanly on corrupt data (7-Zip reports the CRC error) and leaves no partial files', async () => {
    const file = join(dir, 'crc.7z');
    await makeSevenZip(file, { 'good.dat': 'good', 'random.bin': randomBytes(300_000) }, ['-m0=Copy']);
    const bytes = await readFile(file);
    for (let i = 100_000; i < 100_016; i++) bytes[i] = bytes[i]! ^ 0xff;
    await writeFile(file, bytes);
    const dest = join(dir, 'out');
    await mkdir(dest);
    await writeFile(join(dest, 'keep.txt'), 'mine');
    const error = await failure(extractArchive(file, dest));
    expect(error.message).toMatch(/crc\.7z: entry "random\.bin": extraction failed: CRC Failed/);
    expect(error.entry).toBe('random.bin');
    expect(await listTree(dest)).toEqual(['keep.txt']);
  });

  it('can be cancelled while 7-Zip runs, leaving nothing behind', async () => {
    const file = join(dir, 'big.7z');
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 8; i++) files[`part${i}.bin`] = randomBytes(4 * 1024 * 1024);
    await makeSevenZip(file, files, ['-m0=Copy']);
    const controller = new AbortController();
    const dest = join(dir, 'out');
    const error = await extractArchive(file, dest, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(await listTree(dir)).toEqual(['big.7z']);
    expect((await stat(file)).size).toBeGreaterThan(32 * 1024 * 1024);
  });

  it('keeps non-ASCII names and names with wildcard characters exact', async () => {
    const file = join(dir, 'names.7z');
    const tree = { 'Pokémon (日本)/Café*?.dat': 'a', 'Pokémon (日本)/other.dat': 'b' };
    await makeSevenZip(file, tree);
    const result = await extractArchive(file, join(dir, 'out'), { filter: (e) => e.name.endsWith('*?.dat') });
    expect(result.files).toEqual(['Pokémon (日本)/Café*?.dat']);
    expect(await readFile(join(dir, 'out', 'Pokémon (日本)/Café*?.dat'), 'utf8')).toBe('a');
    expect(await listTree(join(dir, 'out'))).toEqual(['Pokémon (日本)/', 'Pokémon (日本)/Café*?.dat']);
  });

  it('selecting a folder alone creates the folder, not its contents', async () => {
    const file = join(dir, 'pack.7z');
    await makeSevenZip(file, pack);
    const result = await extractArchive(file, join(dir, 'out'), { filter: (e) => e.name === 'TOSEC-PIX' });
    expect(result.files).toEqual([]);
    expect(await listTree(join(dir, 'out'))).toEqual(['TOSEC-PIX/']);
  });

  it('fails on password-protected archives instead of waiting for a password', async () => {
    const file = join(dir, 'secret.7z');
    await makeSevenZip(file, { 'a.dat': 'secret' }, ['-pSecret']);
    const error = await failure(extractArchive(file, join(dir, 'out')));
    expect(error.message).toMatch(/secret\.7z: entry "a\.dat": extraction failed: .*Wrong password/);
    const hidden = join(dir, 'hidden.7z');
    await makeSevenZip(hidden, { 'a.dat': 'secret' }, ['-pSecret', '-mhe=on']);
    const listError = await failure(listArchive(hidden));
    expect(listError.message).toBe(`${hidden}: is password-protected (encrypted 7z headers); encrypted archives are not supported`);
    expect(await listTree(dir)).toEqual(['hidden.7z', 'secret.7z']);
  });
});
