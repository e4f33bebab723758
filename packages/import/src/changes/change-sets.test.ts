// Change sets end to end inside the package: real DAT files, a real catalogue, the importer.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openStore, type Store } from '@rommer/store';
import { afterEach, describe, expect, it } from 'vitest';
import { createImporter } from '../importer.js';
import { importPaths } from '../import-paths.js';
import { parseDat } from '../parse-dat.js';
import { fixturesDir } from '../test-support/fixtures.js';
import { useTempDir } from '../test-support/temp.js';
import { diffDatFiles } from './diff-dats.js';

const tempDir = useTempDir();
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function setup() {
  const data = tempDir();
  const datsDir = path.join(data, 'dats');
  mkdirSync(datsDir, { recursive: true });
  const store = await openStore(path.join(data, 'rommer.db'));
  stores.push(store);
  return { datsDir, store };
}

const FBNEO = 'FinalBurn Neo (ClrMame Pro XML, ColecoVision only).dat';
const HISTORY = [
  'a231a92ec14255bf38865599bdab850897ebc426',
  '4c85ae761549dd7af17973ca2fbba94f9c9bbc9e',
  '3cbee25d4bf2a2c1fe910e6180d54c456fea4a77',
].map((commit) => path.join(fixturesDir, 'fbneo-history', commit, FBNEO));

function logiqx(name: string, games: Record<string, [string, number, string][]>): string {
  const body = Object.entries(games)
    .map(
      ([game, roms]) =>
        `  <game name="${game}">\n${roms.map(([rom, size, crc]) => `    <rom name="${rom}" size="${size}" crc="${crc}"/>`).join('\n')}\n  </game>`,
    )
    .join('\n');
  return `<?xml version="1.0"?>\n<datafile>\n  <header><name>${name}</name><version>${name}</version></header>\n${body}\n</datafile>\n`;
}

describe('change sets recorded at import', () => {
  it('three real FBNeo versions at one path: a first import, then each diff, history kept', async () => {
    const { datsDir, store } = await setup();
    const target = path.join(datsDir, 'fbneo', 'dats', FBNEO);
    mkdirSync(path.dirname(target), { recursive: true });
    const outcomes = [];
    for (const [index, version] of HISTORY.entries()) {
      copyFileSync(version, target);
      const { files } = await importPaths([target], { store, datsDir, source: 'fbneo', sourceVersion: `tree-${index + 1}` });
      outcomes.push(files[0]);
    }
    expect(outcomes.map((o) => o?.changes)).toEqual([
      { added: 536, removed: 0, renamed: 0, changed: 0 },
      { added: 18, removed: 2, renamed: 0, changed: 47 },
      { added: 19, removed: 0, renamed: 0, changed: 2 },
    ]);
    const sets = await store.listChangeSets({ details: true });
    expect(sets.map((s) => [s.kind, s.fromSourceVersion, s.toSourceVersion, s.path, s.identity])).toEqual([
      ['updated', 'tree-2', 'tree-3', `fbneo/dats/${FBNEO}`, `fbneo/dats/${FBNEO}`],
      ['updated', 'tree-1', 'tree-2', `fbneo/dats/${FBNEO}`, `fbneo/dats/${FBNEO}`],
      ['imported', null, 'tree-1', `fbneo/dats/${FBNEO}`, `fbneo/dats/${FBNEO}`],
    ]);
    expect(sets[2]?.details?.added).toHaveLength(536);
    expect(sets[0]).toMatchObject({ fromVersion: '1.0.0.03', toVersion: '1.0.0.03', dat: 'FinalBurn Neo - ColecoVision Games' });
    // The SQL-side diff in the catalogue and the in-memory one over the files agree, ROMs included.
    expect(sets[1]?.details).toEqual(await diffDatFiles(HISTORY[0]!, HISTORY[1]!));
    expect(sets[0]?.details).toEqual(await diffDatFiles(HISTORY[1]!, HISTORY[2]!));
    const changed = sets[0]!.details!.changed;
    expect(changed.every((c) => c.roms.added.length + c.roms.removed.length + c.roms.rehashed.length > 0)).toBe(true);
    // The catalogue holds the newest version only.
    let games = 0;
    await parseDat(HISTORY[2]!, { onGame: () => void games++ });
    expect((await store.findDat(`fbneo/dats/${FBNEO}`))?.games).toBe(games);
  });

  it('a renamed game, a re-hashed ROM, and a version with nothing changed', async () => {
    const { datsDir, store } = await setup();
    const file = path.join(datsDir, 'mine.dat');
    writeFileSync(file, logiqx('v1', { 'Tetris (W)': [['t.gb', 32768, '46df91ad']], Alleyway: [['a.gb', 32768, '6ef8a2e2']], Gone: [['g.gb', 1, '00000001']] }));
    await importPaths([file], { store, datsDir });
    writeFileSync(file, logiqx('v2', { 'Tetris (World)': [['tetris.gb', 32768, '46DF91AD']], Alleyway: [['a.gb', 32768, '6ef8a2e3']], New: [['n.gb', 2, '00000002']] }));
    const [second] = (await importPaths([file], { store, datsDir })).files;
    expect(second?.changes).toEqual({ added: 1, removed: 1, renamed: 1, changed: 1 });
    // Same games, other bytes (a new header): no change set.
    writeFileSync(file, logiqx('v3', { 'Tetris (World)': [['tetris.gb', 32768, '46df91ad']], Alleyway: [['a.gb', 32768, '6ef8a2e3']], New: [['n.gb', 2, '00000002']] }));
    const [third] = (await importPaths([file], { store, datsDir })).files;
    expect(third).toMatchObject({ status: 'imported' });
    expect(third?.changes).toBeUndefined();
    const [latest] = await store.listChangeSets({ details: true });
    expect(latest).toMatchObject({ kind: 'updated', fromVersion: 'v1', toVersion: 'v2', source: null, path: 'mine.dat' });
    expect(latest?.details).toEqual({
      added: ['New'],
      removed: ['Gone'],
      renamed: [{ from: 'Tetris (W)', to: 'Tetris (World)' }],
      changed: [
        {
          game: 'Alleyway',
          roms: {
            added: [],
            removed: [],
            rehashed: [
              {
                name: 'a.gb',
                from: { name: 'a.gb', size: 32768, crc: '6ef8a2e2', md5: null, sha1: null },
                to: { name: 'a.gb', size: 32768, crc: '6ef8a2e3', md5: null, sha1: null },
              },
            ],
          },
        },
      ],
    });
  });

  it('a No-Intro DAT whose dated file name changed replaces its previous version', async () => {
    const { datsDir, store } = await setup();
    const importer = createImporter({ store, datsDir });
    const folder = path.join(datsDir, 'no-intro', 'No-Intro');
    mkdirSync(folder, { recursive: true });
    const older = path.join(folder, 'Nintendo - Game Boy (20240317-134803).dat');
    writeFileSync(older, logiqx('20240317-134803', { A: [['a', 1, '00000001']], B: [['b', 1, '00000002']] }));
    await importer.importFiles([{ path: older, source: 'no-intro', sourceVersion: '2024-03-17' }], {});
    const [first] = await store.listDats({ source: 'no-intro' });
    rmSync(older);
    const newer = path.join(folder, 'Nintendo - Game Boy (20261120-093512).dat');
    writeFileSync(newer, logiqx('20261120-093512', { A: [['a', 1, '00000001']], C: [['c', 1, '00000003']] }));
    const batch = await importer.importFiles([{ path: newer, source: 'no-intro', sourceVersion: '2026-11-20' }], {});
    expect(batch.files[0]?.changes).toEqual({ added: 1, removed: 1, renamed: 0, changed: 0 });
    const dats = await store.listDats({ source: 'no-intro' });
    expect(dats.map((d) => [d.id, d.path])).toEqual([[first!.id, 'no-intro/No-Intro/Nintendo - Game Boy (20261120-093512).dat']]);
    expect(await importer.removeMissing!(path.join(datsDir, 'no-intro'), 'no-intro')).toEqual({ dats: 0, games: 0 });
    const [latest] = await store.listChangeSets({ source: 'no-intro' });
    expect(latest).toMatchObject({
      kind: 'updated',
      identity: 'no-intro/No-Intro/Nintendo - Game Boy.dat',
      fromVersion: '20240317-134803',
      toVersion: '20261120-093512',
      fromSourceVersion: '2024-03-17',
      toSourceVersion: '2026-11-20',
      counts: { added: 1, removed: 1, renamed: 0, changed: 0 },
    });
  });

  it('a DAT removed from its source: its history goes, a removal is recorded', async () => {
    const { datsDir, store } = await setup();
    const importer = createImporter({ store, datsDir });
    const file = path.join(datsDir, 'opengood', 'OpenChaF.dat');
    mkdirSync(path.dirname(file), { recursive: true });
    copyFileSync(path.join(fixturesDir, 'opengood', 'OpenChaF.dat'), file);
    await importer.importFiles([{ path: file, source: 'opengood' }], {});
    rmSync(file);
    expect(await importer.removeMissing!(path.join(datsDir, 'opengood'), 'opengood')).toEqual({ dats: 1, games: 88 });
    const sets = await store.listChangeSets({ details: true });
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({ kind: 'removed', toVersion: null, toSha1: null, counts: { added: 0, removed: 88, renamed: 0, changed: 0 } });
    expect(sets[0]?.details?.removed).toHaveLength(88);
    expect(await store.findDat('opengood/OpenChaF.dat')).toBeNull();
  });

  it('a DAT imported before change sets existed (no identity, no content) is diffed all the same', async () => {
    const { datsDir, store } = await setup();

    // The writer without a tracker is what earlier rommer versions did.
    const writer = store.beginDatImport({ source: null, path: 'old (20240101-000000).dat', format: 'logiqx', header: { name: 'old' }, size: 1, sha1: 'a'.repeat(40) });
    writer.addGame({ name: 'Kept', roms: [{ name: 'k', size: 1, crc: '00000001' }], disks: [] });
    writer.addGame({ name: 'Before', roms: [{ name: 'b', size: 1, crc: '00000002' }], disks: [] });
    await writer.commit();
    const renamed = path.join(datsDir, 'old (20250101-000000).dat');
    writeFileSync(renamed, logiqx('new', { Kept: [['k', 1, '00000001']], After: [['b', 1, '00000002']] }));
    const [outcome] = (await importPaths([renamed], { store, datsDir })).files;
    expect(outcome?.changes).toEqual({ added: 0, removed: 0, renamed: 1, changed: 0 });
    expect((await store.listDats()).map((d) => d.path)).toEqual(['old (20250101-000000).dat']);
  });

  it('an import that fails leaves no change set and the version held', async () => {
    const { datsDir, store } = await setup();
    const file = path.join(datsDir, 'mine.dat');
    writeFileSync(file, logiqx('v1', { A: [['a', 1, '00000001']] }));
    await importPaths([file], { store, datsDir });
    writeFileSync(file, logiqx('v2', { A: [['a', 1, '00000009']] }).replace('</datafile>', '<game name="cut">'));
    const [failed] = (await importPaths([file], { store, datsDir })).files;
    expect(failed?.status).toBe('failed');
    const sets = await store.listChangeSets();
    expect(sets.map((s) => s.kind)).toEqual(['imported']);
    expect((await store.findRoms({ crc: '00000001' })).map((m) => m.game.name)).toEqual(['A']);
  });
});
