import fs from 'node:fs/promises';
import path from 'node:path';
import { defaultPackSystems, makeLovePack, mountDatomatic, startMirror, type Mirror } from '@rommer/mirror';
import { openStore } from '@rommer/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, jsonSummary, snapshotTree, type Sandbox, heldFiles } from './support/rommer-cli.js';

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
    expect(await heldFiles(datsDir)).toEqual([
      'No-Intro/Nintendo - Game Boy (20261120-093512).dat',
      'No-Intro/Nintendo - Game Boy Advance (20261120-101010).dat',
      'No-Intro/Sega - Mega Drive - Genesis (20261120-070000).dat',
      'Non-Redump/Non-Redump - Sony - PlayStation (20261120-120000).dat',
      'Unofficial/Unofficial - Nintendo - Game Boy (Translations) (20261120-130000).dat',
    ]);
    expect(await catalogued()).toEqual(await heldFiles(datsDir));
    expect(await ledger()).toMatchObject({ version: '2026-11-20', state: { via: 'datomatic', pack: 'No-Intro Love Pack (Standard DAT) (2026-11-20).zip' } });
  });

  it('a second update with nothing changed reads profile.xml only: no POST, no pack, up to date', async () => {
    const before = await snapshotTree(datsDir);
    mirror.clearRequests();
    const run = await sandbox.run(['update', '--source', 'no-intro', '--json']);
    expect(run.code, run.stdout).toBe(0);
    expect(jsonSummary(run.stdout).sources[0]).toMatchObject({ status: 'up-to-date', version: '2026-11-20', transferredBytes: 0 });
    expect(mirror.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /datomatic/profile.xml']);
    expect(posts()).toBe(0);
    expect(site.stats.downloads).toBe(1);
    expect(await snapshotTree(datsDir)).toEqual(before);
  });

  it('--dry-run after one DAT changed in profile.xml names that system only (old → new) and posts nothing', async () => {
    site.set({ date: '2026-11-21', systems: newerSystems() });
    const before = await snapshotTree(sandbox.dataDir);
    mirror.clearRequests();
    const run = await sandbox.run(['update', '--source', 'no-intro', '--dry-run', '--json']);
    expect(run.code, run.stdout).toBe(0);
    expect(jsonSummary(run.stdout).sources[0]).toMatchObject({
      status: 'would-update',
      version: '2026-11-21',
      upstreamChanges: [{ item: 'Nintendo - Game Boy', from: '20261120-093512', to: '20261121-080000' }],
    });
    expect(mirror.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /datomatic/profile.xml']);
    expect(await snapshotTree(sandbox.dataDir)).toEqual(before);
    const plain = await sandbox.run(['update', '--source', 'no-intro', '--dry-run']);
    expect(plain.stdout).toContain('no-intro: would update from 2026-11-20 to 2026-11-21: Nintendo - Game Boy 20261120-093512 → 20261121-080000');
  });

  it('the update then asks for the pack once, replaces the changed system’s DAT and imports only it', async () => {
    mirror.clearRequests();
    const run = await sandbox.run(['update', '--source', 'no-intro', '--json']);
    expect(run.code, run.stdout).toBe(0);
    const result = jsonSummary(run.stdout).sources[0]!;
    expect(result).toMatchObject({ status: 'updated', version: '2026-11-21', previousVersion: '2026-11-20', files: 5, changedFiles: 1 });
    expect(result.imported.dats).toBe(1);
    expect(mirror.requests.map((r) => `${r.method} ${r.url.replace(/download=\w+/, 'download=ID')}`)).toEqual([
      'GET /datomatic/profile.xml',
      'GET /datomatic/index.php?page=download&op=daily',
      'POST /datomatic/index.php?page=download&op=daily',
      'GET /datomatic/index.php?page=manager&download=ID',
      'POST /datomatic/index.php?page=manager&download=ID',
    ]);
    const files = await heldFiles(datsDir);
    expect(files.filter((f) => f.startsWith('No-Intro/Nintendo - Game Boy ('))).toEqual(['No-Intro/Nintendo - Game Boy (20261121-080000).dat']);
    expect(await catalogued()).toEqual(files.sort());
    expect((await ledger())?.state).toMatchObject({ changedSystems: ['No-Intro/Nintendo - Game Boy'], removedSystems: [] });
  });

  it('a throttle page fails in one line and cools down: nothing held changes, the next run asks nothing, --force asks again', async () => {
    site.set({
      systems: newerSystems().map((x) => (x.system === 'Sega - Mega Drive - Genesis' ? { ...x, stamp: '20261121-170000', games: 3 } : x)),
      suspended: 'You have been temporarily throttled. Please try again later.',
    });
    const before = await snapshotTree(datsDir);
    const held = await ledger();
    mirror.clearRequests();
    const run = await sandbox.run(['update', '--source', 'no-intro']);
    expect(run.code).toBe(1);
    // One short line: the source named once, "kept" said once (by the reporter), the alternatives.
    const output = `${run.stdout}\n${run.stderr}`;
    const line = output.split('\n').find((l) => l.startsWith('no-intro: failed:'))!;
    expect(line).toMatch(
      /^no-intro: failed: DAT-o-MATIC refuses downloads \("You have been temporarily throttled\."\); next try after \d{4}-\d\d-\d\d \d\d:\d\d UTC \(--force: now\); meanwhile use --from-file PACK\.zip \(saved from a browser\) or mode = "mirror" \(the DATs held are unchanged\)$/,
    );
    expect(line.match(/no-intro/g)).toHaveLength(1);
    expect(line.match(/held/g)).toHaveLength(1);
    // The cool-down clause makes it longer than the other failures; it still says each thing once.
    expect(line.length).toBeLessThan(320);
    expect(output).toMatch(/^Failed: no-intro \(DAT-o-MATIC refuses downloads \("You have been temporarily throttled\."\); next try after .* UTC \(--force: now\); meanwhile use --from-file PACK\.zip \(saved from a browser\) or mode = "mirror"\)$/m);
    expect(posts()).toBe(0); // the throttled page was never posted to
    expect(await snapshotTree(datsDir)).toEqual(before);
    const cooled = await ledger();
    expect(cooled?.version).toBe('2026-11-21');
    expect(cooled?.state).toMatchObject({ ...held?.state, coolDown: { reason: 'refuses downloads ("You have been temporarily throttled.")' } });

    // Within the day: no request to DAT-o-MATIC at all, skipped with the reason.
    site.set({ suspended: false });
    mirror.clearRequests();
    const next = await sandbox.run(['update', '--source', 'no-intro']);
    expect(next.code, next.stdout).toBe(0);
    expect(next.stdout).toMatch(
      /^Skipped: no-intro \(DAT-o-MATIC refuses downloads \("You have been temporarily throttled\."\) at .* UTC; next try after .* UTC \(--force: now\); meanwhile /m,
    );
    expect(mirror.requests).toEqual([]);

    // --force asks now; the success lifts the cool-down.
    const forced = await sandbox.run(['update', '--source', 'no-intro', '--force', '--json']);
    expect(forced.code, forced.stdout).toBe(0);
    expect(jsonSummary(forced.stdout).sources[0]).toMatchObject({ status: 'updated', version: '2026-11-21', changedFiles: 1 });
    expect(posts()).toBe(2);
    expect((await ledger())?.state).not.toHaveProperty('coolDown');
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
    expect(await heldFiles(datsDir)).toContain('Aftermarket/Nintendo - Game Boy (Aftermarket) (20261122-140000).dat');
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
      expect(jsonSummary(run.stdout).sources[0]).toMatchObject({ status: 'updated', version: '2026-11-23', files: 6 });
      expect(site.stats.prepared).toBe(prepared);
      // The aftermarket DAT of the file pack is not in the mirror's pack: kept for the grace days, with a warning.
      expect((await heldFiles(datsDir)).filter((f) => f.startsWith('Aftermarket/'))).toEqual([
        'Aftermarket/Nintendo - Game Boy (Aftermarket) (20261122-140000).dat',
      ]);
      expect(jsonSummary(run.stdout).sources[0]!.warnings).toContain(
        'no-intro: Aftermarket/Nintendo - Game Boy (Aftermarket) is missing from this pack (DAT-o-MATIC drops DATs while they are edited); the DAT held is kept for 7 more days',
      );
      expect(await ledger()).toMatchObject({
        version: '2026-11-23',
        state: { via: 'mirror', removedSystems: [], missing: { 'Aftermarket/Nintendo - Game Boy (Aftermarket)': expect.any(Number) } },
      });
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
