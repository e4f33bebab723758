// The collection of the issue's "done when": loose, renamed, zipped, 7z, headered NES and unknown
// files against a DAT with SHA-1 and one with CRC-32 only (plus an MD5-only ROM), in a real
// catalogue. Every file must be identified, have/missing must be exact, the fixdat exactly the
// missing games, and a rescan must answer from the cache.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { parseDat, type DatGame } from '@rommer/import';
import { openStore, type GameInput, type RomInput, type Store } from '@rommer/store';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildReport } from './report.js';
import { writeFixdat } from './fixdat.js';
import { resolveDat } from './resolve-dat.js';
import { scanCollection, type ScanEvent } from './scan-collection.js';
import { writeSevenZip, writeZip } from './test-support/archives.js';
import type { ScannedFile } from './types.js';

const hash = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');
const crc = (data: Buffer) => crc32(data).toString(16).padStart(8, '0');
const full = (name: string, data: Buffer): RomInput => ({ name, size: data.length, crc: crc(data), sha1: hash('sha1', data) });
const crcOnly = (name: string, data: Buffer): RomInput => ({ name, size: data.length, crc: crc(data) });
const game = (name: string, roms: RomInput[]): GameInput => ({ name, roms, disks: [] });

const content = (label: string, size = 4096) => Buffer.concat([Buffer.from(label), randomBytes(size - label.length)]);
const c = {
  loose: content('loose'),
  renamed: content('renamed'),
  zipA: content('zipA'),
  zipB: content('zipB'),
  sevenZip: content('sevenZip'),
  nesBody: content('nesBody', 40960),
  nesZipBody: content('nesZipBody', 24576),
  missing: content('missing'),
  partialHave: content('partialHave'),
  partialMissing: content('partialMissing'),
  crcZip: content('crcZip'),
  crcMissing: content('crcMissing'),
  md5Only: content('md5Only', 1000),
  junk: content('junk', 777),
  junkInZip: content('junkInZip', 555),
};
const nesHeader = Buffer.concat([Buffer.from('NES\x1a', 'latin1'), Buffer.from([2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])]);

let root: string;
let collection: string;
let store: Store;
const events: ScanEvent[] = [];
const filesOf = (list: ScanEvent[]) => list.flatMap((e) => (e.type === 'file' ? [e.file] : []));
const byName = (files: ScannedFile[]) =>
  Object.fromEntries(files.map((f) => [`${path.basename(f.path)}${f.entry === null ? '' : `:${f.entry}`}`, f]));

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'rommer-scan-collection-'));
  store = await openStore(path.join(root, 'data', 'rommer.db'));
  const withSha = store.beginDatImport({
    source: 'no-intro',
    path: 'no-intro/Test - With SHA1.dat',
    format: 'logiqx',
    header: { name: 'Test - With SHA1', version: '20261201' },
    size: 1,
    sha1: 'a'.repeat(40),
  });
  withSha.addGame(game('Loose Game', [full('Loose Game.bin', c.loose)]));
  withSha.addGame(game('Renamed Game', [full('Renamed Game.bin', c.renamed)]));
  withSha.addGame(game('Zipped Game', [full('a.bin', c.zipA), full('b.bin', c.zipB)]));
  withSha.addGame(game('7z Game', [full('7z Game.bin', c.sevenZip)]));
  withSha.addGame(game('NES Game', [full('NES Game.nes', c.nesBody)]));
  withSha.addGame(game('NES Zipped', [full('NES Zipped.nes', c.nesZipBody)]));
  withSha.addGame(game('Missing Game', [full('Missing Game.bin', c.missing)]));
  withSha.addGame(game('Partial Game', [full('p1.bin', c.partialHave), full('p2.bin', c.partialMissing)]));
  withSha.addGame(game('Undumped', [{ name: 'u.bin', status: 'nodump' }]));
  await withSha.commit();
  const noSha = store.beginDatImport({
    source: 'fbneo',
    path: 'fbneo/dats/Test - CRC only.dat',
    format: 'logiqx',
    header: { name: 'Test - CRC only', version: '0.2.97' },
    size: 1,
    sha1: 'b'.repeat(40),
  });
  noSha.addGame(game('Loose Game (crc)', [crcOnly('loose.bin', c.loose)]));
  noSha.addGame(game('CRC Zipped', [crcOnly('crc.bin', c.crcZip)]));
  noSha.addGame(game('CRC Missing', [crcOnly('gone.bin', c.crcMissing)]));
  noSha.addGame(game('MD5 Game', [{ name: 'md5.bin', size: c.md5Only.length, md5: hash('md5', c.md5Only) }]));
  await noSha.commit();

  collection = path.join(root, 'roms');
  await mkdir(path.join(collection, 'sub'), { recursive: true });
  await writeFile(path.join(collection, 'Loose Game.bin'), c.loose);
  await writeFile(path.join(collection, 'sub', 'whatever.dat.bin'), c.renamed);
  await writeFile(path.join(collection, 'NES Game (headered).nes'), Buffer.concat([nesHeader, c.nesBody]));
  await writeFile(path.join(collection, 'md5 thing.bin'), c.md5Only);
  await writeFile(path.join(collection, 'junk.txt'), c.junk);
  await writeZip(path.join(collection, 'Zipped Game.zip'), {
    'a.bin': c.zipA,
    'renamed b.bin': c.zipB,
    'junk.bin': c.junkInZip,
    'p1.bin': c.partialHave,
    'crc.bin': c.crcZip,
    'NES Zipped.nes': Buffer.concat([nesHeader, c.nesZipBody]),
  });
  await writeSevenZip(path.join(collection, '7z Game.7z'), { 'inside.bin': c.sevenZip });

  const result = await scanCollection({ store, paths: [collection], workers: 2, onEvent: (e) => events.push(e) });
  expect(result.status).toBe('complete');
});

afterAll(async () => {
  await store?.close();
  await rm(root, { recursive: true, force: true });
});

describe('a first scan', () => {
  test('identifies every file and archive entry', () => {
    const files = byName(filesOf(events));
    const names = (file: ScannedFile | undefined) => file?.matches.map((m) => `${m.dat}/${m.game}/${m.rom}`).sort();
    expect(Object.keys(files).sort()).toEqual([
      '7z Game.7z:inside.bin',
      'Loose Game.bin',
      'NES Game (headered).nes',
      'Zipped Game.zip:NES Zipped.nes',
      'Zipped Game.zip:a.bin',
      'Zipped Game.zip:crc.bin',
      'Zipped Game.zip:junk.bin',
      'Zipped Game.zip:p1.bin',
      'Zipped Game.zip:renamed b.bin',
      'junk.txt',
      'md5 thing.bin',
      'whatever.dat.bin',
    ]);
    expect(names(files['Loose Game.bin'])).toEqual(['Test - CRC only/Loose Game (crc)/loose.bin', 'Test - With SHA1/Loose Game/Loose Game.bin']);
    expect(names(files['whatever.dat.bin'])).toEqual(['Test - With SHA1/Renamed Game/Renamed Game.bin']);
    expect(names(files['NES Game (headered).nes'])).toEqual(['Test - With SHA1/NES Game/NES Game.nes']);
    expect(files['NES Game (headered).nes']).toMatchObject({ header: 'ines', size: 16 + c.nesBody.length, sha1: hash('sha1', Buffer.concat([nesHeader, c.nesBody])) });
    expect(names(files['Zipped Game.zip:NES Zipped.nes'])).toEqual(['Test - With SHA1/NES Zipped/NES Zipped.nes']);
    expect(files['Zipped Game.zip:NES Zipped.nes']?.header).toBe('ines');
    expect(names(files['Zipped Game.zip:a.bin'])).toEqual(['Test - With SHA1/Zipped Game/a.bin']);
    expect(names(files['Zipped Game.zip:renamed b.bin'])).toEqual(['Test - With SHA1/Zipped Game/b.bin']);
    expect(names(files['Zipped Game.zip:p1.bin'])).toEqual(['Test - With SHA1/Partial Game/p1.bin']);
    expect(names(files['Zipped Game.zip:crc.bin'])).toEqual(['Test - CRC only/CRC Zipped/crc.bin']);
    expect(names(files['7z Game.7z:inside.bin'])).toEqual(['Test - With SHA1/7z Game/7z Game.bin']);
    expect(names(files['md5 thing.bin'])).toEqual(['Test - CRC only/MD5 Game/md5.bin']);
    expect(files['junk.txt']).toMatchObject({ matches: [], size: 777, crc: crc(c.junk), sha1: hash('sha1', c.junk), header: null, entry: null });
    expect(files['Zipped Game.zip:junk.bin']).toMatchObject({ matches: [], sha1: hash('sha1', c.junkInZip) });
    // Quick mode: a zip entry the directory's CRC-32 identifies is not read, so no SHA-1.
    expect(files['Zipped Game.zip:a.bin']).toMatchObject({ crc: crc(c.zipA), sha1: null, size: 4096 });
    expect(files['Loose Game.bin']?.matches[0]).toMatchObject({ source: expect.any(String) as string, datVersion: expect.any(String) as string });
  });

  test('have/missing per DAT are exact', async () => {
    const summary = await scanSummary();
    expect(summary).toEqual([
      { path: 'fbneo/dats/Test - CRC only.dat', name: 'Test - CRC only', source: 'fbneo', version: '0.2.97', have: 3, missing: 1, total: 4 },
      // Have: loose, renamed, zipped (a+b), 7z, NES, NES zipped; missing: Missing Game; partial and
      // undumped are neither.
      { path: 'no-intro/Test - With SHA1.dat', name: 'Test - With SHA1', source: 'no-intro', version: '20261201', have: 6, missing: 1, total: 9 },
    ]);
  });

  test('the fixdat lists exactly the missing games, with only their missing ROMs, and parses as Logiqx', async () => {
    const report = (await buildReport(store))!;
    const dat = report.dats.find((d) => d.name === 'Test - With SHA1')!;
    const xml = writeFixdat((await store.listDats()).find((d) => d.path === dat.path)!, dat.statuses, { scannedAt: report.run.finishedAt });
    const file = path.join(root, 'fix.dat');
    await writeFile(file, xml);
    const games: DatGame[] = [];
    const parsed = await parseDat(file, { onGame: (g) => void games.push(g) });
    expect(parsed.format).toBe('logiqx');
    expect(parsed.header).toMatchObject({ name: 'Test - With SHA1 (fixdat)', version: '20261201' });
    expect(parsed.header.comment).toContain('no-intro/Test - With SHA1.dat');
    expect(games.map((g) => [g.name, g.roms.map((r) => [r.name, r.size, r.crc, r.sha1])])).toEqual([
      ['Missing Game', [['Missing Game.bin', 4096, crc(c.missing), hash('sha1', c.missing)]]],
      ['Partial Game', [['p2.bin', 4096, crc(c.partialMissing), hash('sha1', c.partialMissing)]]],
    ]);
  });

  test('--dat narrows matching and the summary to one DAT, named by header name or path', async () => {
    const dats = await store.listDats();
    expect(resolveDat(dats, 'Test - CRC only', path.join(root, 'data', 'dats')).path).toBe('fbneo/dats/Test - CRC only.dat');
    expect(resolveDat(dats, path.join(root, 'data', 'dats', 'no-intro', 'Test - With SHA1.dat'), path.join(root, 'data', 'dats')).name).toBe('Test - With SHA1');
    expect(() => resolveDat(dats, 'Nope', root)).toThrow('--dat "Nope": no DAT in the catalogue');
    const report = (await buildReport(store, { dats: [resolveDat(dats, 'Test - CRC only', root)] }))!;
    expect(report.dats.map((d) => [d.name, d.have, d.missing, d.total])).toEqual([['Test - CRC only', 3, 1, 4]]);
    expect(report.dats[0]!.games.find((g) => g.name === 'CRC Missing')).toEqual({ name: 'CRC Missing', state: 'missing', found: 0, roms: 1, missingRoms: ['gone.bin'] });
  });
});

async function scanSummary() {
  const report = (await buildReport(store))!;
  return report.dats.map(({ path: p, name, source, version, have, missing, total }) => ({ path: p, name, source, version, have, missing, total }));
}

describe('a rescan', () => {
  test('of an unchanged folder reads no file: the cache answers (proved by bytes changed under an unchanged size and mtime)', async () => {
    const loose = path.join(collection, 'Loose Game.bin');
    // A whole-second mtime, so that setting it again below restores it exactly.
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await utimes(loose, mtime, mtime);
    expect((await scanCollection({ store, paths: [collection], workers: 2 })).cachedFiles).toBe(6);
    await writeFile(loose, c.missing); // same size, other content…
    await utimes(loose, mtime, mtime); // …and the same mtime: only reading it would notice
    const again: ScanEvent[] = [];
    const result = await scanCollection({ store, paths: [collection], workers: 2, onEvent: (e) => again.push(e) });
    expect(result.cachedFiles).toBe(7);
    const files = byName(filesOf(again));
    expect(files['Loose Game.bin']?.matches.map((m) => m.game).sort()).toEqual(['Loose Game', 'Loose Game (crc)']);
    expect(result.dats).toEqual(await scanSummary());

    // Touched: hashed again, and now it is the missing game.
    await utimes(loose, new Date(), new Date(Date.now() + 5000));
    const third: ScanEvent[] = [];
    const changed = await scanCollection({ store, paths: [collection], workers: 2, onEvent: (e) => third.push(e) });
    expect(changed.cachedFiles).toBe(6);
    expect(byName(filesOf(third))['Loose Game.bin']?.matches.map((m) => m.game)).toEqual(['Missing Game']);
    await writeFile(loose, c.loose);
  });

  test('--full hashes the zip entries quick mode took from the directory', async () => {
    const list: ScanEvent[] = [];
    await scanCollection({ store, paths: [path.join(collection, 'Zipped Game.zip')], full: true, onEvent: (e) => list.push(e) });
    const files = byName(filesOf(list));
    expect(files['Zipped Game.zip:a.bin']).toMatchObject({ sha1: hash('sha1', c.zipA), matches: [expect.objectContaining({ game: 'Zipped Game' })] });
  });

  test('a path that does not exist is a one-line usage error naming it', async () => {
    await expect(scanCollection({ store, paths: [path.join(root, 'nope')] })).rejects.toThrow(`${path.join(root, 'nope')}: cannot scan: no such file or folder`);
  });

  test('a cancelled scan stops, records itself as cancelled, and keeps what it hashed', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await scanCollection({ store, paths: [collection], signal: controller.signal });
    expect(result.status).toBe('cancelled');
    expect(store.scan.lastRun()?.status).toBe('cancelled');
  });
});
