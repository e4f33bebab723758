// Change sets through the built CLI: real FBNeo history imported version after version, and an
// OpenGood update from one commit of a real git repository to the next.
import fs from 'node:fs/promises';
import path from 'node:path';
import { createOpengoodRemote, fixturesDir, type GitRemote } from '@rommer/mirror';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { independentDiff } from './support/independent-diff.js';
import { createSandbox, jsonSummary, type Sandbox } from './support/rommer-cli.js';

interface ChangeJson {
  source: string | null;
  dat: string | null;
  path: string;
  kind: string;
  fromVersion: string | null;
  toVersion: string | null;
  fromSourceVersion: string | null;
  toSourceVersion: string | null;
  counts: { added: number; removed: number; renamed: number; changed: number };
  added: string[];
  removed: string[];
  renamed: { from: string; to: string }[];
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox('rommer-e2e-changes-');
});
afterAll(() => sandbox.cleanup());

async function changes(...args: string[]): Promise<ChangeJson[]> {
  const run = await sandbox.run(['changes', '--json', ...args]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ChangeJson[];
}

const FBNEO = 'FinalBurn Neo (ClrMame Pro XML, ColecoVision only).dat';
const HISTORY = ['a231a92ec14255bf38865599bdab850897ebc426', '4c85ae761549dd7af17973ca2fbba94f9c9bbc9e', '3cbee25d4bf2a2c1fe910e6180d54c456fea4a77'];

describe.sequential('rommer changes', () => {
  it('three real FBNeo versions imported at one path: counts equal an independent diff', async () => {
    const target = path.join(sandbox.root, 'mine', FBNEO);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const texts: string[] = [];
    for (const commit of HISTORY) {
      const text = await fs.readFile(path.join(fixturesDir, 'fbneo-history', commit, FBNEO), 'utf8');
      texts.push(text);
      await fs.writeFile(target, text);
      const run = await sandbox.run(['import', target]);
      expect(run.code, run.stderr).toBe(0);
    }
    const sets = await changes();
    expect(sets.map((s) => s.kind)).toEqual(['updated', 'updated', 'imported']);
    expect(sets[0]!.counts).toEqual(independentDiff(texts[1]!, texts[2]!));
    expect(sets[1]!.counts).toEqual(independentDiff(texts[0]!, texts[1]!));
    expect(sets[2]!.counts).toEqual(independentDiff('', texts[0]!));
    // The figures the fixture's SOURCE.md records.
    expect(sets.map((s) => s.counts)).toEqual([
      { added: 19, removed: 0, renamed: 0, changed: 2 },
      { added: 18, removed: 2, renamed: 0, changed: 47 },
      { added: 536, removed: 0, renamed: 0, changed: 0 },
    ]);
    expect(new Set(sets.map((s) => s.path))).toEqual(new Set([target]));
    const text = await sandbox.run(['changes', '--dat', 'ColecoVision', '--limit', '1']);
    expect(text.stdout.split('\n')[0]).toMatch(/^import · FinalBurn Neo - ColecoVision Games · [0-9a-f]{7} → [0-9a-f]{7} · \+19 −0 ~2 ↻0$/);
    expect(text.stdout).toContain('  ~ ');
  });

  describe.sequential('an OpenGood update from an older commit to a newer one', () => {
    let remote: GitRemote;
    let older: string;
    const texts = new Map<string, string>();

    beforeAll(async () => {
      remote = await createOpengoodRemote(path.join(sandbox.root, 'remote'));
      older = await remote.head();
      await sandbox.writeConfig(`[sources.opengood]\nurl = "${remote.url}"\n`);
    });

    it('the first update records every DAT as new', async () => {
      const run = await sandbox.run(['update', '--source', 'opengood', '--import', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const result = jsonSummary(run.stdout).sources[0]!;
      expect(result.changes.dats).toBe(42);
      const sets = await changes('--source', 'opengood');
      expect(sets).toHaveLength(42);
      expect(sets.every((s) => s.kind === 'imported' && s.toSourceVersion === older)).toBe(true);
      expect(result.changes.added).toBe(sets.reduce((sum, s) => sum + s.counts.added, 0));
    });

    it('the newer commit changes two DATs, adds one and deletes one: exactly those get change sets', async () => {
      const read = (name: string) => fs.readFile(path.join(fixturesDir, 'opengood', name), 'utf8');
      const chaf = await read('OpenChaF.dat');
      const gameBlocks = [...chaf.matchAll(/\t<game [\s\S]*?<\/game>\n/g)].map((m) => m[0]);
      // Drop the first game, rename the second, re-hash the third's ROM.
      const renamedFrom = /name="([^"]*)"/.exec(gameBlocks[1]!)![1]!;
      const rehashed = gameBlocks[2]!.replace(/crc="([0-9a-f]{8})"/i, (_m, crc: string) => `crc="${crc === '00000000' ? '00000001' : '00000000'}"`);
      const newChaf = chaf
        .replace(gameBlocks[0]!, '')
        .replace(gameBlocks[1]!, gameBlocks[1]!.replaceAll(`"${renamedFrom}"`, `"${renamedFrom} (Renamed)"`))
        .replace(gameBlocks[2]!, rehashed);
      // OpenMTX gets a new game (a copy under a new name and new data).
      const mtx = await read('OpenMTX.dat');
      const firstMtx = /\t<game [\s\S]*?<\/game>\n/.exec(mtx)![0];
      const extra = firstMtx.replace(/name="([^"]*)"/g, 'name="$1 (Extra)"').replace(/crc="[0-9a-f]{8}"/i, 'crc="deadbeef"');
      const newMtx = mtx.replace('</datafile>', `${extra}</datafile>`);
      // A DAT new in this commit: a real one under a new name.
      const fresh = await read('OpenGCOM.dat');
      texts.set('OpenChaF.dat', chaf).set('OpenChaF.new', newChaf).set('OpenMTX.dat', mtx).set('OpenMTX.new', newMtx);
      const head = await remote.commit('Revise two DATs, add one, drop one', {
        'dats/OpenChaF.dat': newChaf,
        'dats/OpenMTX.dat': newMtx,
        'dats/OpenGCOM.Copy.dat': fresh,
        'dats/OpenVECT.dat': null,
      });
      const since = new Date().toISOString();

      const run = await sandbox.run(['update', '--source', 'opengood', '--import', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const result = jsonSummary(run.stdout).sources[0]!;
      expect(result).toMatchObject({ status: 'updated', version: head, previousVersion: older });

      const sets = await changes('--source', 'opengood', '--since', since);
      const byPath = new Map(sets.map((s) => [s.path.split('/').at(-1)!, s]));
      expect([...byPath.keys()].sort()).toEqual(['OpenChaF.dat', 'OpenGCOM.Copy.dat', 'OpenMTX.dat', 'OpenVECT.dat']);
      const chafSet = byPath.get('OpenChaF.dat')!;
      expect(chafSet).toMatchObject({ kind: 'updated', fromSourceVersion: older, toSourceVersion: head });
      expect(chafSet.counts).toEqual(independentDiff(chaf, newChaf));
      expect(chafSet.counts).toEqual({ added: 0, removed: 1, renamed: 1, changed: 1 });
      expect(chafSet.renamed).toEqual([{ from: renamedFrom, to: `${renamedFrom} (Renamed)` }]);
      expect(byPath.get('OpenMTX.dat')!.counts).toEqual(independentDiff(mtx, newMtx));
      expect(byPath.get('OpenMTX.dat')!.counts).toEqual({ added: 1, removed: 0, renamed: 0, changed: 0 });
      const copy = byPath.get('OpenGCOM.Copy.dat')!;
      expect(copy).toMatchObject({ kind: 'imported', fromVersion: null, toSourceVersion: head });
      expect(copy.counts).toEqual(independentDiff('', fresh));
      const vect = byPath.get('OpenVECT.dat')!;
      expect(vect).toMatchObject({ kind: 'removed', toVersion: null, fromSourceVersion: older });
      expect(vect.counts.removed).toBe(independentDiff(await read('OpenVECT.dat'), '').removed);

      // The JSON summary carries the same counts.
      const sum = (key: 'added' | 'removed' | 'renamed' | 'changed') => sets.reduce((total, s) => total + s.counts[key], 0);
      expect(result.changes).toEqual({ dats: 4, added: sum('added'), removed: sum('removed'), renamed: sum('renamed'), changed: sum('changed') });
      const plain = await sandbox.run(['changes', '--source', 'opengood', '--since', since]);
      expect(plain.stdout).toContain(`opengood · OpenChaF · `);
      expect(plain.stdout).toMatch(/· \+0 −1 ~1 ↻1\n/);
    });

    it('an update with nothing new records nothing', async () => {
      const before = await changes();
      const run = await sandbox.run(['update', '--source', 'opengood', '--import', '--json']);
      expect(run.code).toBe(0);
      expect(jsonSummary(run.stdout).sources[0]!.changes).toEqual({ dats: 0, added: 0, removed: 0, renamed: 0, changed: 0 });
      expect(await changes()).toEqual(before);
    });
  });
});
