import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createOpengoodRemote,
  fixturesDir,
  mountGitHub,
  mountTosec,
  publishGitHubFixtures,
  startMirror,
  type GitHubSite,
  type GitRemote,
  type Mirror,
  type TosecSite,
} from '@rommer/mirror';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigPackFiles, corrupt7z, corruptZip, zipBomb, zipSlip } from './support/bad-archives.js';
import { runWithFullDataDisk, runWithReadOnlyData, runWithSmallStagingDisk, smallDiskAvailable } from './support/small-disk-run.js';
import { overridePack, withdrawRelease } from './support/pack-override.js';
import { writeReliabilityTable, type MatrixRow } from './support/reliability-table.js';
import { createSandbox, jsonSummary, snapshotTree, type CliResult, type Sandbox } from './support/rommer-cli.js';
import { sourceState, type SourceState } from './support/source-state.js';

const SOURCES = ['opengood', 'fbneo', 'tosec'] as const;
type SourceId = (typeof SOURCES)[number];
const FBNEO_REPO = 'libretro/FBNeo';
const FBNEO_DAT = 'dats/FinalBurn Neo (ClrMame Pro XML, Game Gear only).dat';

let sandbox: Sandbox;
let mirror: Mirror;
let remote: GitRemote;
let github: GitHubSite;
let tosec: TosecSite;
/** The bytes of FBNEO_DAT that the data folder holds (cases change it upstream, then put it back). */
let fbneoHeld: Buffer;
const rows: MatrixRow[] = [];
const smallDisk = smallDiskAvailable();
const notes: string[] = [];

let day = 0;
/** A fresh, newer TOSEC release date for each case that needs tosec to download again. */
const nextDate = () => `2026-02-${String(++day).padStart(2, '0')}`;

function config(overrides: { tosecUrl?: string } = {}): string {
  return [
    '[defaults]',
    'timeout = 2',
    'retries = 1',
    'concurrency = 3',
    `github_api = "${github.apiUrl}"`,
    `github_raw = "${github.rawUrl}"`,
    '[sources.opengood]',
    `url = "${remote.url}"`,
    '[sources.fbneo]',
    'enabled = true',
    '[sources.tosec]',
    'enabled = true',
    `url = "${overrides.tosecUrl ?? tosec.downloadsUrl}"`,
    ...['mame', 'no-intro', 'redump', 'libretro'].flatMap((id) => [`[sources.${id}]`, 'enabled = false']),
    '',
  ].join('\n');
}

async function states(): Promise<Record<SourceId, SourceState>> {
  const out = {} as Record<SourceId, SourceState>;
  for (const id of SOURCES) out[id] = await sourceState(sandbox.dataDir, id);
  return out;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const tosecDownloadPath = (date: string) => {
  const category = tosec.categories.find((c) => c.slug === date)!;
  return `/tosec/downloads/category/${category.id}-${category.slug}?download=`;
};

interface FaultCase {
  fault: string;
  source: SourceId;
  injected: string;
  inject: () => Promise<void> | void;
  undo: () => Promise<void> | void;
  /** The reason the faulty source must give. */
  reason: RegExp;
  /** Instead of `rommer update --import --json`. */
  run?: () => Promise<CliResult>;
}

function summaryOf(run: CliResult) {
  try {
    const summary = jsonSummary(run.stdout);
    return { ...summary, sources: summary.sources ?? [] };
  } catch {
    return { type: 'none', sources: [] };
  }
}

/**
 * One fault on one source: exit 1, that source failed with a one-line reason, the others completed,
 * and its DATs, catalogue rows and ledger version are what they were.
 */
async function expectIsolatedFailure(spec: FaultCase): Promise<void> {
  const before = await states();
  await spec.inject();
  let run: CliResult;
  try {
    run = await (spec.run ?? (() => sandbox.run(['update', '--import', '--json'])))();
  } finally {
    await spec.undo();
  }
  const after = await states();
  const summary = summaryOf(run);
  const faulty = summary.sources.find((s) => s.id === spec.source);
  const others = summary.sources.filter((s) => s.id !== spec.source);
  const unchanged = JSON.stringify(after[spec.source]) === JSON.stringify(before[spec.source]);
  rows.push({
    fault: spec.fault,
    source: spec.source,
    injected: spec.injected,
    exitCode: run.code ?? run.signal,
    faulty: faulty?.status ?? 'no result',
    others: others.map((s) => `${s.id} ${s.status}`).join(', '),
    unchanged: unchanged ? 'yes' : 'NO',
    reason: faulty?.error ?? run.stderr.trim(),
  });
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(faulty?.status, run.stdout + run.stderr).toBe('failed');
  expect(faulty?.error).toMatch(spec.reason);
  expect(faulty?.error).not.toContain('\n');
  expect(others.map((s) => s.id).sort()).toEqual(SOURCES.filter((id) => id !== spec.source).sort());
  for (const other of others) expect(other.status, `${other.id}: ${other.error}`).toMatch(/^(up-to-date|updated)$/);
  expect(after[spec.source]).toEqual(before[spec.source]);
  // Nothing is left half-done in the staging area.
  expect(await fs.readdir(path.join(sandbox.dataDir, 'dats'))).toEqual(expect.not.arrayContaining(['.staging']));
}

/** A new TOSEC release whose pack the mirror serves as `bytes`; withdrawn again afterwards. */
function tosecPackCase(fault: string, injected: string, bytes: (date: string) => Promise<Buffer> | Buffer, reason: RegExp): FaultCase {
  const date = nextDate();
  return {
    fault,
    source: 'tosec',
    injected,
    inject: () => {
      tosec.addRelease(date);
      overridePack(mirror, tosec, date, () => bytes(date));
    },
    undo: () => withdrawRelease(tosec, date),
    reason,
  };
}

/** A new TOSEC release whose download request hits a mirror fault every time. */
function tosecHttpCase(fault: string, injected: string, rule: Parameters<Mirror['addFault']>[0]['fault'], reason: RegExp): FaultCase {
  const date = nextDate();
  return {
    fault,
    source: 'tosec',
    injected,
    inject: () => {
      tosec.addRelease(date);
      mirror.addFault({ path: tosecDownloadPath(date), fault: rule });
    },
    undo: () => {
      mirror.clearFaults();
      withdrawRelease(tosec, date);
    },
    reason,
  };
}

/** FBNeo publishes a changed DAT whose raw download hits a mirror fault every time. */
function fbneoRawCase(fault: string, injected: string, rule: Parameters<Mirror['addFault']>[0]['fault'], reason: RegExp): FaultCase {
  return {
    fault,
    source: 'fbneo',
    injected,
    inject: () => {
      github.setFile(FBNEO_REPO, FBNEO_DAT, Buffer.concat([fbneoHeld, Buffer.from(`<!-- ${fault} -->\n`)]));
      mirror.addFault({ path: `/github-raw/${FBNEO_REPO}/`, fault: rule });
    },
    undo: () => {
      mirror.clearFaults();
      github.setFile(FBNEO_REPO, FBNEO_DAT, fbneoHeld);
    },
    reason,
  };
}

/** FBNeo publishes these bytes as its DAT. */
function fbneoContentCase(fault: string, injected: string, bytes: () => Buffer | string, reason: RegExp): FaultCase {
  return {
    fault,
    source: 'fbneo',
    injected,
    inject: () => github.setFile(FBNEO_REPO, FBNEO_DAT, bytes()),
    undo: () => github.setFile(FBNEO_REPO, FBNEO_DAT, fbneoHeld),
    reason,
  };
}

beforeAll(async () => {
  sandbox = await createSandbox('rommer-e2e-faults-');
  mirror = await startMirror();
  remote = await createOpengoodRemote(path.join(sandbox.root, 'remote'));
  github = mountGitHub(mirror);
  await publishGitHubFixtures(github, fixturesDir);
  tosec = mountTosec(mirror);
  fbneoHeld = await fs.readFile(path.join(fixturesDir, 'fbneo', path.basename(FBNEO_DAT)));
  await sandbox.writeConfig(config());
});

afterAll(async () => {
  // docs/reliability.md is tracked: only `npm run reliability` rewrites it, never a plain test run.
  if (process.env['ROMMER_WRITE_RELIABILITY'] === '1') await writeReliabilityTable(rows, notes);
  await mirror?.close();
  await sandbox?.cleanup();
});

describe.sequential('fault matrix: one fault on one source, the others complete, nothing held changes', () => {
  it('a first good update imports every selected source', async () => {
    const run = await sandbox.run(['update', '--import', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const summary = jsonSummary(run.stdout);
    expect(summary.sources.map((s) => [s.id, s.status]).sort()).toEqual(SOURCES.map((id) => [id, 'updated']).sort());
    const held = await states();
    for (const id of SOURCES) expect(held[id].catalogue.length, id).toBeGreaterThan(0);
  });

  it('server down: connection refused on every request', async () => {
    const port = await closedPort();
    await expectIsolatedFailure({
      fault: 'server down',
      source: 'tosec',
      injected: '`url` points at a closed port on 127.0.0.1',
      inject: () => sandbox.writeConfig(config({ tosecUrl: `http://127.0.0.1:${port}/tosec/downloads` })),
      undo: () => sandbox.writeConfig(config()),
      reason: /ECONNREFUSED|refused/i,
    });
  });

  it('500 once, then success: retried, the source updates, exit 0', async () => {
    const before = await sourceState(sandbox.dataDir, 'fbneo');
    const changed = Buffer.concat([fbneoHeld, Buffer.from('<!-- revised upstream -->\n')]);
    github.setFile(FBNEO_REPO, FBNEO_DAT, changed);
    mirror.addFault({ path: `/github-raw/${FBNEO_REPO}/`, times: 1, fault: { kind: 'status', status: 500 } });
    const run = await sandbox.run(['update', '--import', '--json']);
    mirror.clearFaults();
    const summary = summaryOf(run);
    const fbneo = summary.sources.find((s) => s.id === 'fbneo');
    const retried = mirror.requestsTo(`/github-raw/${FBNEO_REPO}/`).filter((r) => r.status === 500).length;
    rows.push({
      fault: '500 once, then success',
      source: 'fbneo',
      injected: 'raw download answers 500 once (`times: 1`)',
      exitCode: run.code,
      faulty: fbneo?.status ?? 'no result',
      others: summary.sources.filter((s) => s.id !== 'fbneo').map((s) => `${s.id} ${s.status}`).join(', '),
      unchanged: 'n/a: retried and updated',
      reason: `${retried} request answered 500, then retried`,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(fbneo).toMatchObject({ status: 'updated', changedFiles: 1, error: null });
    expect(retried).toBe(1);
    const after = await sourceState(sandbox.dataDir, 'fbneo');
    expect(after.version).not.toBe(before.version);
    fbneoHeld = changed;
  });

  it('500 always', () =>
    expectIsolatedFailure(tosecHttpCase('500 always', 'pack download answers 500 every time', { kind: 'status', status: 500 }, /500/)));

  it('connection reset mid-body', () =>
    expectIsolatedFailure(
      fbneoRawCase('connection reset mid-body', 'raw download sends 200 bytes, then resets', { kind: 'reset-mid-body', afterBytes: 200 }, /./),
    ));

  it('slow server past the timeout', () =>
    expectIsolatedFailure(tosecHttpCase('slow server past the timeout', 'pack download never answers (timeout = 2 s)', { kind: 'hang' }, /time|timed out/i)));

  it('truncated body (Content-Length larger than sent)', () =>
    expectIsolatedFailure(
      fbneoRawCase('truncated body', 'raw download announces the full length, sends 300 bytes, closes', { kind: 'truncate', afterBytes: 300 }, /./),
    ));

  it('HTML where a zip was due', () =>
    expectIsolatedFailure(tosecHttpCase('HTML where a zip was due', 'pack download answers a 200 HTML page', { kind: 'html' }, /HTML/)));

  it('corrupt zip', () => expectIsolatedFailure(tosecPackCase('corrupt zip', 'pack is a zip cut at 60 % with garbage inside', corruptZip, /./)));

  it('corrupt 7z', () => expectIsolatedFailure(tosecPackCase('corrupt 7z', 'pack is the 7z signature followed by garbage', () => corrupt7z(), /./)));

  it('zip-slip entry', () =>
    expectIsolatedFailure(tosecPackCase('zip-slip entry', 'pack holds an entry named `../../escaped.dat`', zipSlip, /\.\.\/\.\.\/escaped\.dat|outside|unsafe|slip/i)));

  it('zip bomb', async () => {
    await expectIsolatedFailure(tosecPackCase('zip bomb', 'pack holds 64 MiB of zeros deflated to ~64 KiB', zipBomb, /ratio|bomb|limit|too large/i));
    expect(await fs.readdir(sandbox.root)).not.toContain('escaped.dat');
  });

  it('a DAT that is not XML', () =>
    expectIsolatedFailure(
      fbneoContentCase('DAT that is not XML', 'FBNeo publishes a JSON file under the DAT name', () => '{"error": "rate limited"}\n', /not a usable DAT/),
    ));

  it('a DAT that is truncated XML', () =>
    expectIsolatedFailure(
      fbneoContentCase(
        'DAT that is truncated XML',
        'FBNeo publishes the first 60 % of its DAT',
        () => fbneoHeld.subarray(0, Math.floor(fbneoHeld.length * 0.6)),
        /not a usable DAT .*end of file/,
      ),
    ));

  it.skipIf(!smallDisk)('disk full during extraction', async () => {
    const size = 4 * 1024 * 1024;
    const date = nextDate();
    notes.push(
      "Disk full: a real 4 MiB tmpfs in place of `<data>/dats` (each source's folder bind-mounted into it, so `.staging` is what fills up), in a user and mount namespace (`unshare -rm`, no root needed); the pack (about 1 MiB) downloads, its 16 MiB DAT fills the disk while it is extracted (ENOSPC).",
    );
    await expectIsolatedFailure({
      fault: 'disk full during extraction',
      source: 'tosec',
      injected: 'a 4 MiB tmpfs holds the staging folder; the pack holds a 16 MiB DAT',
      inject: () => {
        tosec.addRelease(date, bigPackFiles(date, 16));
      },
      undo: () => withdrawRelease(tosec, date),
      run: () => runWithSmallStagingDisk(sandbox, ['update', '--import', '--json'], size),
      reason: /ENOSPC|no space/i,
    });
  });
});

const slowDatWrites = fileURLToPath(new URL('./support/slow-dat-writes.mjs', import.meta.url));

/** How many `.dat` files are under dir, waiting (up to 20 s) until there is at least one. */
async function eventuallyDatsUnder(dir: string): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const entries = await fs.readdir(dir, { recursive: true }).catch(() => [] as string[]);
    const count = entries.filter((entry) => entry.toLowerCase().endsWith('.dat')).length;
    if (count > 0 || Date.now() > deadline) return count;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Another process holds the catalogue's SQLite write lock until released. */
async function holdWriteLock(dbFile: string): Promise<() => Promise<void>> {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `const D = require(${JSON.stringify(sqlite)}); const db = new D(${JSON.stringify(dbFile)}); db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
  return async () => {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  };
}

/** Overwrites 8 KiB in the middle of the file: b-tree pages of the game and rom tables. */
async function scribble(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    const { size } = await handle.stat();
    await handle.write(Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
  } finally {
    await handle.close();
  }
}

describe.sequential('the catalogue under faults: files and catalogue agree afterwards', () => {
  it('the SQLite write lock held by another process during an import: failed, nothing held changes', async () => {
    const date = nextDate();
    let release: (() => Promise<void>) | undefined;
    await expectIsolatedFailure({
      fault: 'catalogue write lock held',
      source: 'tosec',
      injected: 'another process holds `BEGIN IMMEDIATE` on rommer.db while a new release imports',
      inject: async () => {
        tosec.addRelease(date);
        release = await holdWriteLock(path.join(sandbox.dataDir, 'rommer.db'));
      },
      undo: async () => {
        await release?.();
        withdrawRelease(tosec, date);
      },
      reason: /the catalogue could not record .*(timed out|locked|busy).*the DATs held are unchanged/i,
    });
  });

  it.skipIf(!smallDisk)('disk full during import: failed, files and catalogue as they were', async () => {
    const date = nextDate();
    notes.push(
      'Disk full during import: the whole data folder on a real tmpfs (in a user and mount namespace) with 12 MiB free; the new TOSEC pack extracts (a 4 MiB DAT) and verifies, and its catalogue rows fill the disk. What rommer left on the full disk is copied back and inspected.',
    );
    await expectIsolatedFailure({
      fault: 'disk full during import',
      source: 'tosec',
      injected: 'the data folder on a tmpfs with 12 MiB free; the new pack holds a 4 MiB DAT whose catalogue rows do not fit',
      inject: () => {
        tosec.addRelease(date, bigPackFiles(date, 4));
      },
      undo: () => withdrawRelease(tosec, date),
      run: () => runWithFullDataDisk(sandbox, ['update', '--import', '--json'], 12 * 1024 * 1024),
      reason: /the catalogue could not record .*(disk is full|ENOSPC|no space).*the DATs held are unchanged/i,
    });
  });

  it.skipIf(!smallDisk)('a read-only data folder: dats and a dry run read it, an update fails in one line, nothing changes', async () => {
    const listed = await sandbox.run(['dats', '--json']);
    const before = await snapshotTree(sandbox.dataDir);
    const dats = await runWithReadOnlyData(sandbox, ['dats', '--json']);
    const dry = await runWithReadOnlyData(sandbox, ['update', '--dry-run', '--json']);
    const update = await runWithReadOnlyData(sandbox, ['update', '--import', '--json']);
    const after = await snapshotTree(sandbox.dataDir);
    rows.push({
      fault: 'read-only data folder',
      source: 'all',
      injected: 'the data folder bind-mounted read-only (EROFS)',
      exitCode: update.code,
      faulty: `dats exit ${dats.code}, dry run exit ${dry.code}, update failed`,
      others: 'none updated',
      unchanged: JSON.stringify(after) === JSON.stringify(before) ? 'yes (whole data folder)' : 'NO',
      reason: update.stderr.trim(),
    });
    expect(dats.code, dats.stderr).toBe(0);
    expect(dats.stdout).toBe(listed.stdout);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    for (const result of summaryOf(dry).sources) expect(result.status, result.id).toBe('up-to-date');
    expect(update.code, update.stdout + update.stderr).toBe(1);
    expect(update.stderr.trim()).toMatch(/^rommer: .*read-only/);
    expect(update.stderr.trim()).not.toContain('\n');
    expect(after).toEqual(before);
  });

  async function rebuiltCase(fault: string, injected: string, damage: (dbFile: string) => Promise<void>): Promise<void> {
    const before = await states();
    const dbFile = path.join(sandbox.dataDir, 'rommer.db');
    await damage(dbFile);
    const run = await sandbox.run(['update', '--import', '--json']);
    const after = await states();
    const summary = summaryOf(run);
    const warnings = summary.sources.flatMap((s) => (s as { warnings?: string[] }).warnings ?? []);
    rows.push({
      fault,
      source: 'all',
      injected,
      exitCode: run.code,
      faulty: 'catalogue rebuilt from the DAT folders',
      others: summary.sources.map((s) => `${s.id} ${s.status}`).join(', '),
      unchanged: JSON.stringify(after) === JSON.stringify(before) ? 'yes (rebuilt)' : 'NO',
      reason: warnings[0] ?? run.stderr.trim(),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    for (const result of summary.sources) expect(result.status, result.id).toBe('up-to-date');
    expect(after).toEqual(before);
    expect(warnings.join('\n')).toMatch(/restored .* from dats\/|repaired from the files held/);
  }

  it('rommer.db deleted: ledger and rows come back from the DAT folders', () =>
    rebuiltCase('catalogue deleted', '`rm rommer.db*` between two runs', async (db) => {
      for (const suffix of ['', '-wal', '-shm']) await fs.rm(db + suffix, { force: true });
    }));

  it('rommer.db zeroed: moved aside and rebuilt', () =>
    rebuiltCase('catalogue zero-length', '`rommer.db` truncated to 0 bytes', async (db) => {
      await fs.writeFile(db, '');
    }));

  it('rommer.db corrupted: quick_check on open moves it aside, rebuilt', () =>
    rebuiltCase('catalogue corrupted', '8 KiB of garbage written over b-tree pages of `rommer.db`', scribble));
});

describe.sequential('interrupted and concurrent runs', () => {
  /** The next plain run completes every source; tosec's files and catalogue then agree with each other. */
  async function expectRecovery(killed: string): Promise<void> {
    const next = await sandbox.run(['update', '--import', '--json']);
    const summary = summaryOf(next);
    const tosecState = await sourceState(sandbox.dataDir, 'tosec');
    const consistent =
      tosecState.catalogue.length === Object.keys(tosecState.files).filter((f) => f.endsWith('.dat')).length;
    const leftovers = (await fs.readdir(path.join(sandbox.dataDir, 'dats'))).filter((d) => d.startsWith('.'));
    rows.push({
      fault: `SIGKILL during ${killed}`,
      source: 'tosec',
      injected: `kill -9 on the "tosec: ${killed}" line; then a normal run`,
      exitCode: next.code,
      faulty: `next run: ${summary.sources.find((s) => s.id === 'tosec')?.status ?? 'no result'}`,
      others: summary.sources.filter((s) => s.id !== 'tosec').map((s) => `${s.id} ${s.status}`).join(', '),
      unchanged: consistent && leftovers.length === 0 ? 'yes (recovered)' : 'NO',
      reason: 'killed; the next run completes',
    });
    expect(next.code, next.stdout + next.stderr).toBe(0);
    for (const result of summary.sources) expect(result.status, result.id).toMatch(/^(up-to-date|updated)$/);
    expect(consistent).toBe(true);
    expect(leftovers).toEqual([]);
  }

  it('SIGKILL during download: the previous DATs stay, the next run completes', async () => {
    const before = await states();
    const date = nextDate();
    const pace = { chunkDelayMs: 300 };
    // A pack of a few hundred KiB, trickled out in 64 KiB pieces with a pause each.
    tosec.addRelease(date, bigPackFiles(date, 8));
    overridePack(mirror, tosec, date, () => tosec.packBytes(date), pace);
    const running = sandbox.start(['update', '--import']);
    await running.waitFor(/^tosec: downloading/);
    running.child.kill('SIGKILL');
    expect((await running.done).signal).toBe('SIGKILL');
    expect(await sourceState(sandbox.dataDir, 'tosec')).toEqual(before.tosec);
    pace.chunkDelayMs = 0;
    await expectRecovery('downloading');
    expect((await sourceState(sandbox.dataDir, 'tosec')).version).toBe(date);
  });

  it('SIGKILL during extraction: the previous DATs stay, the next run completes', async () => {
    const before = await states();
    const date = nextDate();
    const dats = 16;
    tosec.addRelease(date, bigPackFiles(date, dats));
    // Each DAT's write waits 500 ms, so the kill lands while extraction is surely under way.
    const running = sandbox.start(['update', '--import'], {
      env: { NODE_OPTIONS: `--import=${slowDatWrites}`, ROMMER_TEST_DAT_WRITE_DELAY_MS: '500' },
    });
    await running.waitFor(/^tosec: extracting/);
    const staged = await eventuallyDatsUnder(path.join(sandbox.dataDir, 'dats', '.staging'));
    running.child.kill('SIGKILL');
    expect((await running.done).signal).toBe('SIGKILL');
    expect(staged).toBeGreaterThan(0);
    expect(staged).toBeLessThan(dats);
    expect(await sourceState(sandbox.dataDir, 'tosec')).toEqual(before.tosec);
    await expectRecovery('extracting');
    expect((await sourceState(sandbox.dataDir, 'tosec')).version).toBe(date);
  });

  it('SIGKILL during import: the next run completes the import', async () => {
    const date = nextDate();
    tosec.addRelease(date, bigPackFiles(date, 16));
    const running = sandbox.start(['update', '--import']);
    await running.waitFor(/^tosec: importing/);
    running.child.kill('SIGKILL');
    expect((await running.done).signal).toBe('SIGKILL');
    await expectRecovery('importing');
    const after = await sourceState(sandbox.dataDir, 'tosec');
    expect(after.version).toBe(date);
    expect(after.catalogue.every((dat) => dat.path.startsWith(`tosec/TOSEC-v${date}/`))).toBe(true);
  });

  it('two concurrent runs: the second stops at the lock, the first completes', async () => {
    const date = nextDate();
    const pace = { chunkDelayMs: 1000 };
    tosec.addRelease(date, bigPackFiles(date, 8));
    overridePack(mirror, tosec, date, () => tosec.packBytes(date), pace);
    const first = sandbox.start(['update', '--import']);
    await first.waitFor(/^tosec: downloading/);
    // The first run's download grows under .staging meanwhile: compare the DATs held.
    const held = async () => Object.entries(await snapshotTree(path.join(sandbox.dataDir, 'dats'))).filter(([f]) => !f.startsWith('.staging'));
    const before = await held();
    const second = await sandbox.run(['update', '--import', '--json']);
    const afterSecond = await held();
    pace.chunkDelayMs = 0;
    const done = await first.done;
    rows.push({
      fault: 'two concurrent runs',
      source: 'all',
      injected: 'a second `rommer update` while the first downloads',
      exitCode: second.code,
      faulty: `second run stopped; first exit ${done.code}`,
      others: done.code === 0 ? 'the first run completes every source' : `the first run exits ${done.code}`,
      unchanged: JSON.stringify(afterSecond) === JSON.stringify(before) ? 'yes' : 'NO',
      reason: second.stderr.trim(),
    });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^rommer: another rommer update \(pid \d+ on .*\) is using .*/);
    expect(second.stderr.trim()).not.toContain('\n');
    expect(afterSecond).toEqual(before);
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^Updated: tosec$/m);
  });

  it('an invalid sources.conf: exit 2, one line, nothing touched', async () => {
    const before = await snapshotTree(sandbox.dataDir);
    await sandbox.writeConfig(`${config()}\n[sources.tosec]\nurl = "twice"\n`);
    let run: CliResult;
    try {
      run = await sandbox.run(['update', '--import', '--json']);
    } finally {
      await sandbox.writeConfig(config());
    }
    const after = await snapshotTree(sandbox.dataDir);
    rows.push({
      fault: 'invalid sources.conf',
      source: 'all',
      injected: 'a duplicated `[sources.tosec]` table',
      exitCode: run.code,
      faulty: 'no source run',
      others: 'none run',
      unchanged: JSON.stringify(after) === JSON.stringify(before) ? 'yes (whole data folder)' : 'NO',
      reason: run.stderr.trim(),
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toMatch(/^rommer: .*sources\.conf/);
    expect(run.stderr.trim()).not.toContain('\n');
    expect(after).toEqual(before);
  });
});
