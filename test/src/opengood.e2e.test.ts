import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createOpengoodRemote, fixturesDir, type GitRemote } from '@rommer/mirror';
import { openStore } from '@rommer/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, expectedCounts, jsonSummary, snapshotTree, type Sandbox } from './support/rommer-cli.js';

let sandbox: Sandbox;
let remote: GitRemote;
let datsDir: string;

async function ledgerVersion(): Promise<string | undefined> {
  const store = await openStore(path.join(sandbox.dataDir, 'rommer.db'));
  try {
    return (await store.ledger.get('opengood'))?.version;
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  sandbox = await createSandbox('rommer-e2e-opengood-');
  remote = await createOpengoodRemote(path.join(sandbox.root, 'remote'));
  await sandbox.writeConfig(`[sources.opengood]\nurl = "${remote.url}"\n`);
  datsDir = path.join(sandbox.dataDir, 'dats', 'opengood');
});
afterAll(() => sandbox.cleanup());

// The steps build on each other: one upstream, one data folder, several runs.
describe.sequential('rommer update --source opengood against a local git mirror', () => {
  it('first run clones and imports the 42 DATs, with counts equal to EXPECTED.json', async () => {
    const run = await sandbox.run(['update', '--source', 'opengood', '--import', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = jsonSummary(run.stdout);
    expect(summary.sources).toEqual([
      expect.objectContaining({ id: 'opengood', status: 'updated', version: await remote.head(), previousVersion: null, files: 42 }),
    ]);
    expect(summary.sources[0]?.imported.dats).toBe(42);

    const expected = await expectedCounts();
    const store = await openStore(path.join(sandbox.dataDir, 'rommer.db'));
    try {
      const dats = await store.listDats({ source: 'opengood' });
      expect(dats).toHaveLength(42);
      for (const dat of dats) {
        const want = expected[`opengood/${path.basename(dat.path)}`];
        expect(want, dat.path).toBeDefined();
        expect({ file: dat.path, games: dat.games, roms: dat.roms, disks: dat.disks }).toEqual({
          file: dat.path,
          games: want!.games,
          roms: want!.roms,
          disks: want!.disks,
        });
      }
    } finally {
      await store.close();
    }
    // The files are the upstream bytes.
    const upstream = await fs.readFile(path.join(fixturesDir, 'opengood', 'Open2600.dat'));
    expect(await fs.readFile(path.join(datsDir, 'Open2600.dat'))).toEqual(upstream);
  });

  it('second run reports up to date and downloads nothing', async () => {
    const before = await snapshotTree(sandbox.dataDir);
    const run = await sandbox.run(['update', '--source', 'opengood']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('opengood: up to date');
    expect(run.stdout).toContain('Up to date: opengood');
    expect(run.stdout).not.toContain('downloading');
    const after = await snapshotTree(sandbox.dataDir);
    // Only the catalogue's check time may change; the DATs and the clone are untouched.
    const files = (snap: Record<string, string>) => Object.entries(snap).filter(([f]) => !f.startsWith('rommer.db'));
    expect(files(after)).toEqual(files(before));
  });

  it('--dry-run after an upstream commit says what would change and writes nothing', async () => {
    const original = await fs.readFile(path.join(fixturesDir, 'opengood', 'Open2600.dat'), 'utf8');
    const changed = original.replace('</datafile>', '\t<!-- revised upstream -->\n</datafile>');
    const head = await remote.commit('Revise Open2600', { 'dats/Open2600.dat': changed });
    const before = await snapshotTree(sandbox.dataDir);
    const run = await sandbox.run(['update', '--source', 'opengood', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`opengood: would update from`);
    expect(run.stdout).toContain(head.slice(0, 7));
    expect(await snapshotTree(sandbox.dataDir)).toEqual(before);
  });

  it('the next run updates, imports only the changed DAT, and the ledger shows the new version', async () => {
    const run = await sandbox.run(['update', '--source', 'opengood', '--import', '--json']);
    expect(run.code).toBe(0);
    const result = jsonSummary(run.stdout).sources[0]!;
    expect(result).toMatchObject({ status: 'updated', version: await remote.head(), changedFiles: 1, files: 42 });
    expect(result.imported.dats).toBe(1);
    expect(await ledgerVersion()).toBe(await remote.head());
    expect(await fs.readFile(path.join(datsDir, 'Open2600.dat'), 'utf8')).toContain('revised upstream');
  });

  it('a staged file that is not a DAT is refused: nothing committed, the old DATs kept', async () => {
    const held = await ledgerVersion();
    const before = await snapshotTree(datsDir);
    await remote.commit('Break a DAT', { 'dats/OpenBroken.dat': '<html><body>502 Bad Gateway</body></html>' });
    const run = await sandbox.run(['update', '--source', 'opengood']);
    expect(run.code).toBe(1);
    // The failure is on stderr; the summary stays with the result on stdout.
    expect(run.stderr).toMatch(/opengood: failed: OpenBroken\.dat is not a usable DAT .*keeping the DATs held/);
    expect(run.stdout).not.toContain('opengood: failed:');
    expect(run.stdout).toMatch(/^Failed: opengood \(/m);
    expect(await snapshotTree(datsDir)).toEqual(before);
    expect(await ledgerVersion()).toBe(held);
    await remote.commit('Remove the broken DAT', { 'dats/OpenBroken.dat': null });
  });

  it('an unreachable remote fails that source with one line and keeps everything', async () => {
    const before = await snapshotTree(datsDir);
    await sandbox.writeConfig(`[sources.opengood]\nurl = "${path.join(sandbox.root, 'no-such-remote')}"\n`);
    try {
      const run = await sandbox.run(['update', '--source', 'opengood']);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^Failed: opengood \(git ls-remote .*no-such-remote: [^\n]+\)$/m);
      expect(await snapshotTree(datsDir)).toEqual(before);
    } finally {
      await sandbox.writeConfig(`[sources.opengood]\nurl = "${remote.url}"\n`);
    }
  });

  it('a second concurrent run is stopped by the lock with a clear message', async () => {
    // A live process holds the lock: the pid of a sleeping child.
    const sleeper = spawn('sleep', ['30']);
    try {
      await fs.writeFile(
        path.join(sandbox.dataDir, 'update.lock'),
        JSON.stringify({ pid: sleeper.pid, host: (await import('node:os')).hostname(), startedAt: new Date().toISOString() }),
      );
      const run = await sandbox.run(['update', '--source', 'opengood']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^rommer: another rommer update \(pid \d+ on .*\) is using .*; wait for it to finish/);
    } finally {
      sleeper.kill();
      await fs.rm(path.join(sandbox.dataDir, 'update.lock'), { force: true });
    }
    // Once the holder is gone, the stale lock is taken over.
    await fs.writeFile(
      path.join(sandbox.dataDir, 'update.lock'),
      JSON.stringify({ pid: sleeper.pid, host: (await import('node:os')).hostname(), startedAt: 'earlier' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await sandbox.run(['update', '--source', 'opengood'])).code).toBe(0);
  });

  for (const phase of ['downloading', 'verifying', 'importing']) {
    it(`SIGKILL while ${phase} leaves the previous DATs intact, and the next run completes`, async () => {
      const before = await snapshotTree(datsDir);
      const running = sandbox.start(['update', '--source', 'opengood', '--force', '--import']);
      await running.waitFor(new RegExp(`^opengood: ${phase}`));
      running.child.kill('SIGKILL');
      const killed = await running.done;
      expect(killed.signal).toBe('SIGKILL');
      // Whatever the kill interrupted, the library is either the old one or (killed after the commit) the same bytes.
      expect(await snapshotTree(datsDir)).toEqual(before);
      const next = await sandbox.run(['update', '--source', 'opengood', '--import', '--json']);
      expect(next.code).toBe(0);
      expect(jsonSummary(next.stdout).sources[0]?.status).toMatch(/^(updated|up-to-date)$/);
      expect(await snapshotTree(datsDir)).toEqual(before);
      const leftovers = await fs.readdir(path.join(sandbox.dataDir, 'dats'));
      expect(leftovers).toEqual(['opengood']);
      const store = await openStore(path.join(sandbox.dataDir, 'rommer.db'));
      try {
        expect(await store.listDats({ source: 'opengood' })).toHaveLength(42);
      } finally {
        await store.close();
      }
    });
  }
});
