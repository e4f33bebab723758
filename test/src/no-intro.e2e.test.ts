import fs from 'node:fs/promises';
import path from 'node:path';
import { defaultPackSystems, makeLovePack, mountDatomatic, startMirror, type Mirror } from '@rommer/mirror';
import { openStore } from '@rommer/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, jsonSummary, snapshotTree, type Sandbox } from './support/rommer-cli.js';

let sandbox: Sandbox;
let mirror: Mirror;
let site: ReturnType<typeof mountDatomatic>;
let datsDir: string;

async function ledger(): Promise<{ version: string; state: Record<string, unknown> | null } | undefined> {
  const store = await openStore(path.join(sandbox.dataDir, 'rommer.db'));
  try {
    return await store.ledger.get('no-intro');
  } finally {
    await store.close();
  }
}

async function catalogued(): Promise<string[]> {
  const store = await openStore(path.join(sandbox.dataDir, 'rommer.db'));
  try {
    // Catalogue keys are relative to <data>/dats/.
    return (await store.listDats({ source: 'no-intro' })).map((dat) => path.relative('no-intro', dat.path)).sort();
  } finally {
    await store.close();
  }
}

const datomaticConfig = () => `[sources.no-intro]\nurl = "${site.url}"\nstep_delay = 0\n`;
const posts = () => mirror.requestsTo('/datomatic/index.php').filter((r) => r.method === 'POST').length;

beforeAll(async () => {
  sandbox = await createSandbox('rommer-e2e-no-intro-');
  mirror = await startMirror();
  site = mountDatomatic(mirror, { date: '2026-11-20' });
  await sandbox.writeConfig(datomaticConfig());
  datsDir = path.join(sandbox.dataDir, 'dats', 'no-intro');
});
afterAll(async () => {
  await mirror.close();
  await sandbox.cleanup();
});

// One upstream, one data folder, several runs that build on each other.
describe.sequential('rommer update --source no-intro against the DAT-o-MATIC imitation', () => {
  it('downloads the daily pack through the form flow (renamed fields, decoys ignored) and imports it', async () => {
    const run = await sandbox.run(['update', '--source', 'no-intro', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    const result = jsonSummary(run.stdout).sources[0]!;
    expect(result).toMatchObject({ id: 'no-intro', status: 'updated', version: '2026-11-20', previousVersion: null, files: 5, changedFiles: 5 });
    expect(result.imported.dats).toBe(5); // auto_import is on by default
    expect(site.stats).toMatchObject({ prepared: 1, downloads: 1, decoysPressed: 0, refused: [] });
    expect(Object.keys(await snapshotTree(datsDir)).sort()).toEqual([
      'No-Intro/Nintendo - Game Boy (20261120-093512).dat',
      'No-Intro/Nintendo - Game Boy Advance (20261120-101010).dat',
      'No-Intro/Sega - Mega Drive - Genesis (20261120-070000).dat',
      'Non-Redump/Non-Redump - Sony - PlayStation (20261120-120000).dat',
      'Unofficial/Unofficial - Nintendo - Game Boy (Translations) (20261120-130000).dat',
    ]);
    expect(await catalogued()).toEqual(Object.keys(await snapshotTree(datsDir)).sort());
    expect(await ledger()).toMatchObject({ version: '2026-11-20', state: { via: 'datomatic', pack: 'No-Intro Love Pack (Standard DAT) (2026-11-20).zip' } });
  });

  it('the same pack again, when the page does not show its date: downloaded once more, nothing changes or is imported', async () => {
    const before = await snapshotTree(datsDir);
    const run = await sandbox.run(['update', '--source', 'no-intro', '--json']);
    expect(run.code, run.stdout).toBe(0);
    const result = jsonSummary(run.stdout).sources[0]!;
    expect(result).toMatchObject({ version: '2026-11-20', changedFiles: 0 });
    expect(result.imported.dats).toBe(0);
    expect(site.stats.downloads).toBe(2);
    expect(await snapshotTree(datsDir)).toEqual(before);
  });

  it('the same pack when the page shows its date: up to date, no form posted', async () => {
    site.set({ showsDate: true });
    const postsBefore = posts();
    const run = await sandbox.run(['update', '--source', 'no-intro']);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('no-intro: up to date');
    expect(posts()).toBe(postsBefore);
    expect(site.stats.downloads).toBe(2);
  });

  it('--dry-run with a newer pack on the page says it would update and posts nothing', async () => {
    site.set({ date: '2026-11-21', systems: newerSystems() });
    const before = await snapshotTree(sandbox.dataDir);
    const postsBefore = posts();
    const run = await sandbox.run(['update', '--source', 'no-intro', '--dry-run', '--json']);
    expect(run.code, run.stdout).toBe(0);
    expect(jsonSummary(run.stdout).sources[0]).toMatchObject({ status: 'would-update', version: '2026-11-21' });
    expect(posts()).toBe(postsBefore);
    expect(await snapshotTree(sandbox.dataDir)).toEqual(before);
  });

  it('a newer pack replaces the changed system’s DAT and imports only it; the ledger names the system', async () => {
    const run = await sandbox.run(['update', '--source', 'no-intro', '--json']);
    expect(run.code, run.stdout).toBe(0);
    const result = jsonSummary(run.stdout).sources[0]!;
    expect(result).toMatchObject({ status: 'updated', version: '2026-11-21', previousVersion: '2026-11-20', files: 5, changedFiles: 1 });
    expect(result.imported.dats).toBe(1);
    const files = Object.keys(await snapshotTree(datsDir));
    expect(files.filter((f) => f.startsWith('No-Intro/Nintendo - Game Boy ('))).toEqual(['No-Intro/Nintendo - Game Boy (20261121-080000).dat']);
    expect(await catalogued()).toEqual(files.sort());
    expect((await ledger())?.state).toMatchObject({ changedSystems: ['No-Intro/Nintendo - Game Boy'], removedSystems: [] });
  });

  it('when downloads are suspended: exit 1, one line naming both alternatives, the old DATs kept', async () => {
    site.set({ showsDate: false, suspended: 'Downloads are temporarily suspended due to excessive traffic.' });
    const before = await snapshotTree(datsDir);
    const run = await sandbox.run(['update', '--source', 'no-intro']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^Failed: no-intro \(no-intro: DAT-o-MATIC says downloads are suspended or refused \("Downloads are temporarily suspended due to excessive traffic\."\); the DATs held are kept\. Instead: download the daily pack in a browser and run `rommer update --source no-intro --from-file PACK\.zip`, or set mode = "mirror" and mirror_url in \[sources\.no-intro\]\)$/m,
    );
    expect(await snapshotTree(datsDir)).toEqual(before);
    expect((await ledger())?.version).toBe('2026-11-21');
    site.set({ suspended: false });
  });

  it('--from-file takes a pack downloaded in a browser, without asking the site', async () => {
    const pack = await makeLovePack({ date: '2026-11-22', aftermarket: true });
    const file = path.join(sandbox.root, pack.name);
    await fs.writeFile(file, pack.data);
    const requestsBefore = mirror.requests.length;
    const run = await sandbox.run(['update', '--source', 'no-intro', '--from-file', file, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    expect(jsonSummary(run.stdout).sources[0]).toMatchObject({ status: 'updated', version: '2026-11-22', previousVersion: '2026-11-21', files: 6 });
    expect(mirror.requests.length).toBe(requestsBefore);
    expect(Object.keys(await snapshotTree(datsDir))).toContain('Aftermarket/Nintendo - Game Boy (Aftermarket) (20261122-140000).dat');
    expect(await ledger()).toMatchObject({ version: '2026-11-22', state: { via: 'file' } });
    // The same file again is up to date.
    const again = await sandbox.run(['update', '--source', 'no-intro', '--from-file', file]);
    expect(again.stdout).toContain('no-intro: up to date');
  });

  it('mode = "mirror" downloads the pack from a plain URL, then knows it is current from a HEAD', async () => {
    site.set({ date: '2026-11-23', systems: undefined });
    await sandbox.writeConfig(`[sources.no-intro]\nmode = "mirror"\nmirror_url = "${site.mirrorPackUrl}"\n`);
    try {
      const prepared = site.stats.prepared;
      const run = await sandbox.run(['update', '--source', 'no-intro', '--json']);
      expect(run.code, run.stdout).toBe(0);
      expect(jsonSummary(run.stdout).sources[0]).toMatchObject({ status: 'updated', version: '2026-11-23', files: 5 });
      expect(site.stats.prepared).toBe(prepared);
      // The aftermarket DAT of the file pack is gone: the folder is the mirror's pack, whole.
      expect(Object.keys(await snapshotTree(datsDir)).some((f) => f.startsWith('Aftermarket/'))).toBe(false);
      expect(await ledger()).toMatchObject({ version: '2026-11-23', state: { via: 'mirror', removedSystems: ['Aftermarket/Nintendo - Game Boy (Aftermarket)'] } });
      const downloads = site.stats.downloads;
      const again = await sandbox.run(['update', '--source', 'no-intro']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('no-intro: up to date');
      expect(site.stats.downloads).toBe(downloads);
    } finally {
      await sandbox.writeConfig(datomaticConfig());
    }
  });
});

/** Yesterday's pack with only the Game Boy DAT revised (new timestamp, one more game). */
function newerSystems() {
  return defaultPackSystems('2026-11-20').map((s) =>
    s.system === 'Nintendo - Game Boy' ? { ...s, stamp: '20261121-080000', games: 4 } : s,
  );
}
