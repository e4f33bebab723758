import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProgressUpdate } from '@rommer/core';
import { makeSevenZip, makeZip } from '@rommer/archive/testing';
import Database from 'better-sqlite3';
import { openStore, type Store } from '@rommer/store';
import { afterEach, describe, expect, it } from 'vitest';
import { datKey } from './dat-key.js';
import { createImporter } from './importer.js';
import { importPaths } from './import-paths.js';
import { expectedCounts, fixturesDir } from './test-support/fixtures.js';
import { useTempDir } from './test-support/temp.js';

const tempDir = useTempDir();
const expected = expectedCounts();
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function setup(): Promise<{ data: string; datsDir: string; store: Store }> {
  const data = tempDir();
  const datsDir = path.join(data, 'dats');
  mkdirSync(datsDir, { recursive: true });
  const store = await openStore(path.join(data, 'rommer.db'));
  stores.push(store);
  return { data, datsDir, store };
}

/** Copies fixture DATs (paths relative to test/fixtures) into `dir`, keeping their folders. */
function copyFixtures(dir: string, names: string[]): void {
  for (const name of names) {
    const target = path.join(dir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(fixturesDir, name), target);
  }
}

const sample = [
  'opengood/OpenChaF.dat',
  'fbneo/FinalBurn Neo (ClrMame Pro XML, Game Gear only).dat',
  'libretro/metadat/no-intro/Atari - 7800.dat',
  'libretro/metadat/tosec/Atari - 7800.dat',
];

describe('importPaths', () => {
  it('imports a folder recursively; a malformed DAT fails alone with file, line and cause', async () => {
    const { datsDir, store } = await setup();
    copyFixtures(datsDir, sample);
    writeFileSync(path.join(datsDir, 'opengood', 'Broken.dat'), '<datafile>\n<game name="a">\n<rom name="r" size="1"/>\n</datafile>\n');
    writeFileSync(path.join(datsDir, 'opengood', 'SOURCE.md'), '# not a DAT, and not picked up from a folder');
    mkdirSync(path.join(datsDir, '.staging'));
    writeFileSync(path.join(datsDir, '.staging', 'half.dat'), '<datafile>');

    const { files } = await importPaths([datsDir], { store, datsDir, source: null });
    const byKey = new Map(files.map((f) => [f.key, f]));
    expect([...byKey.keys()].sort()).toEqual([...sample, 'opengood/Broken.dat'].sort());
    for (const name of sample) {
      expect(byKey.get(name)).toMatchObject({ status: 'imported', games: expected[name]!.games, roms: expected[name]!.roms, disks: 0 });
    }
    const broken = byKey.get('opengood/Broken.dat')!;
    expect(broken.status).toBe('failed');
    expect(broken.error).toBe(`${path.join(datsDir, 'opengood', 'Broken.dat')}, line 4: expected </game>, found </datafile>`);
    expect(await store.findDat('opengood/Broken.dat')).toBeNull();

    const listed = await store.listDats();
    expect(listed.map((d) => d.path).sort()).toEqual([...sample].sort());
    const tosec = await store.findDat('libretro/metadat/tosec/Atari - 7800.dat');
    expect(tosec).toMatchObject({ format: 'clrmamepro', name: 'Atari - 7800', games: 145, roms: 145 });
  });

  it('leaves an unchanged DAT alone and replaces a changed one; a failed re-import keeps the old rows', async () => {
    const { datsDir, store } = await setup();
    const file = path.join(datsDir, 'mine', 'small.dat');
    mkdirSync(path.dirname(file), { recursive: true });
    const v1 = 'clrmamepro ( name "Small" version 1 )\ngame ( name "a" rom ( name a.bin size 1 crc 0000abcd ) )\n';
    writeFileSync(file, v1);
    const first = await importPaths([file], { store, datsDir, source: 'mine' });
    expect(first.files[0]).toMatchObject({ key: 'mine/small.dat', status: 'imported', games: 1, roms: 1 });
    const held = await store.findDat('mine/small.dat');
    expect(held).toMatchObject({ source: 'mine', version: '1', games: 1 });

    const again = await importPaths([file], { store, datsDir, source: 'mine' });
    expect(again.files[0]).toMatchObject({ status: 'unchanged', games: 1, roms: 1 });
    expect((await store.findDat('mine/small.dat'))!.importedAt).toEqual(held!.importedAt);

    writeFileSync(file, v1.replace('version 1', 'version 2') + 'game ( name "b" rom ( name b.bin size 2 crc 1234 ) )\n');
    const changed = await importPaths([file], { store, datsDir, source: 'mine' });
    expect(changed.files[0]).toMatchObject({ status: 'imported', games: 2, roms: 2 });
    expect(await store.findDat('mine/small.dat')).toMatchObject({ version: '2', games: 2 });
    expect(await store.findRoms({ name: 'b.bin' })).toHaveLength(1);
    // Hashes go in as written ("1234", upper or lower case); the store pads and lower-cases them.
    expect((await store.findRoms({ crc: '00001234' })).map((m) => m.rom.name)).toEqual(['b.bin']);
    expect((await store.findRoms({ crc: '0000ABCD' })).map((m) => m.rom.name)).toEqual(['a.bin']);

    // A broken third version fails half-way: the second stays whole.
    writeFileSync(file, 'clrmamepro ( name "Small" version 3 )\ngame ( name "c" rom ( name c.bin size 3 ) )\ngame ( name "d"\n');
    const broken = await importPaths([file], { store, datsDir, source: 'mine' });
    expect(broken.files[0]).toMatchObject({ status: 'failed' });
    expect(broken.files[0]!.error).toContain('small.dat, line 4: unexpected end of file');
    expect(await store.findDat('mine/small.dat')).toMatchObject({ version: '2', games: 2 });
    expect(await store.findRoms({ name: 'c.bin' })).toHaveLength(0);
    expect(await store.findRoms({ name: 'b.bin' })).toHaveLength(1);
  });

  it('keys files outside <data>/dats by absolute path and reports missing paths', async () => {
    const { datsDir, store } = await setup();
    const outside = path.join(tempDir(), 'OpenChaF.dat');
    copyFileSync(path.join(fixturesDir, 'opengood/OpenChaF.dat'), outside);
    const missing = path.join(tempDir(), 'nope.dat');
    const { files } = await importPaths([outside, missing], { store, datsDir });
    expect(files.find((f) => f.key === outside)).toMatchObject({ status: 'imported', games: 88 });
    expect(files.find((f) => f.path === missing)).toMatchObject({ status: 'failed', error: `${missing}: no such file or folder` });
    expect(datKey(path.join(datsDir, 'a', 'b.dat'), datsDir)).toBe('a/b.dat');
    expect(datKey(outside, datsDir)).toBe(outside);
  });

  it('imports the DATs inside a zip and a 7z, and reports progress up to the total', async () => {
    const { datsDir, store } = await setup();
    const fixture = (name: string) => readFileSync(path.join(fixturesDir, name));
    const zip = path.join(tempDir(), 'pack.zip');
    writeFileSync(
      zip,
      await makeZip([
        { name: 'opengood/OpenChaF.dat', data: fixture('opengood/OpenChaF.dat') },
        { name: 'libretro/dat/CHIP-8.dat', data: fixture('libretro/dat/CHIP-8.dat') },
        { name: 'readme.txt', data: 'not a DAT' },
      ]),
    );
    const sevenZip = path.join(tempDir(), 'pack.7z');
    await makeSevenZip(sevenZip, { 'opengood/OpenChaF.dat': fixture('opengood/OpenChaF.dat') });
    const updates: ProgressUpdate[] = [];
    const { files } = await importPaths([zip, sevenZip], { store, datsDir, onProgress: (u) => updates.push(u) });
    expect(files.map((f) => [f.key, f.status, f.games])).toEqual([
      // In archive order.
      [`${zip}/opengood/OpenChaF.dat`, 'imported', 88],
      [`${zip}/libretro/dat/CHIP-8.dat`, 'imported', 1],
      [`${sevenZip}/opengood/OpenChaF.dat`, 'imported', 88],
    ]);
    const last = updates[updates.length - 1]!;
    expect(last).toMatchObject({ phase: 'importing', items: 3, totalItems: 3 });
    expect(last.bytes).toBe(last.totalBytes);
    const bytes = updates.map((u) => u.bytes ?? 0);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
  });

  it('fails an archive that is corrupt or holds no DAT, and goes on', async () => {
    const { datsDir, store } = await setup();
    const dir = tempDir();
    const corrupt = path.join(dir, 'corrupt.zip');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]));
    const empty = path.join(dir, 'empty.zip');
    writeFileSync(empty, await makeZip([{ name: 'readme.txt', data: 'x' }]));
    copyFileSync(path.join(fixturesDir, 'libretro/dat/CHIP-8.dat'), path.join(dir, 'chip8.dat'));
    const { files } = await importPaths([dir], { store, datsDir });
    expect(files.map((f) => [path.basename(f.path), f.status])).toEqual([
      ['chip8.dat', 'imported'],
      ['corrupt.zip', 'failed'],
      ['empty.zip', 'failed'],
    ]);
    expect(files[1]!.error).toContain('corrupt.zip');
    expect(files[2]!.error).toBe(`${empty}: the archive holds no .dat or .xml file`);
  });
});

describe('importPaths when the catalogue takes no write', () => {
  it('another process holds the write lock: the first DAT waits once, the rest are not tried', async () => {
    const { data, datsDir, store } = await setup();
    copyFixtures(datsDir, sample);
    // A second connection holds SQLite's write lock, as another rommer writing would.
    const holder = new Database(path.join(data, 'rommer.db'));
    holder.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      const { files } = await importPaths([datsDir], { store, datsDir, source: null });
      const seconds = (Date.now() - started) / 1000;
      expect(files).toHaveLength(sample.length);
      expect(files.every((file) => file.status === 'failed' && file.catalogueFailed === true && file.catalogueUnavailable === true)).toBe(true);
      expect(files[0]?.error).toMatch(/database is locked|busy/i);
      for (const file of files.slice(1)) expect(file.error).toMatch(/: not tried: the catalogue took no write after /);
      // One busy timeout (5 s), not one per DAT.
      expect(seconds).toBeLessThan(9);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(await store.listDats()).toEqual([]);
  });
});

describe('createImporter (the port the update engine uses)', () => {
  it('sniffs, imports per source and forgets DATs whose files are gone', async () => {
    const { datsDir, store } = await setup();
    copyFixtures(datsDir, ['libretro/dat/CHIP-8.dat', 'libretro/metadat/tosec/Atari - 7800.dat']);
    const importer = createImporter({ store, datsDir });
    const chip8 = path.join(datsDir, 'libretro/dat/CHIP-8.dat');
    expect(await importer.sniff(chip8)).toEqual({ format: 'clrmamepro', header: { name: 'CHIP-8', description: expect.any(String), version: '2023.5.15' } });
    const result = await importer.importFiles(
      [
        { path: chip8, source: 'libretro' },
        { path: path.join(datsDir, 'libretro/metadat/tosec/Atari - 7800.dat'), source: 'libretro' },
      ],
      {},
    );
    expect(result.files.map((f) => f.status)).toEqual(['imported', 'imported']);
    await importer.verify!(chip8);
    const cut = path.join(datsDir, 'cut.dat');
    writeFileSync(cut, readFileSync(path.join(fixturesDir, 'opengood/OpenChaF.dat')).subarray(0, 5000));
    expect((await importer.sniff(cut)).header.name).toBe('OpenChaF');
    await expect(importer.verify!(cut)).rejects.toThrow(/cut\.dat, line \d+: unexpected end of file/);
    expect((await store.listDats({ source: 'libretro' })).length).toBe(2);

    rmSync(chip8);
    expect(await importer.removeMissing!(path.join(datsDir, 'libretro'), 'libretro')).toEqual({ dats: 1, games: expect.any(Number) });
    expect((await store.listDats({ source: 'libretro' })).map((d) => d.path)).toEqual(['libretro/metadat/tosec/Atari - 7800.dat']);
    // Another folder's DATs are not touched.
    expect(await importer.removeMissing!(path.join(datsDir, 'opengood'), 'libretro')).toEqual({ dats: 0, games: 0 });
    expect(readFileSync(path.join(datsDir, 'libretro/metadat/tosec/Atari - 7800.dat')).length).toBeGreaterThan(0);
  });
});
