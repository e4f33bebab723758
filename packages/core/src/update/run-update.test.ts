import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../config/load.js';
import { sourceConfigSchema } from '../config/schema.js';
import { NetworkError, RommerError } from '../errors.js';
import type { UpdateEvent } from '../events.js';
import { resolvePaths, type RommerPaths } from '../paths.js';
import type { Importer, Ledger, LedgerEntry } from '../ports.js';
import { createSourceRegistry } from '../registry.js';
import type { Source } from '../source.js';
import { runUpdate } from './run-update.js';

/** Upstream state the test source serves: a version and its files. */
interface Upstream {
  version: string;
  files: Record<string, string>;
  failCheck?: Error;
  failFetch?: Error;
  fetches: number;
}

const dat = (name: string) => `<?xml version="1.0"?>\n<datafile><header><name>${name}</name></header><game name="g"><rom name="r" size="1" crc="00000001"/></game></datafile>\n`;

function upstreamSource(id: string, upstream: Upstream, extra: Partial<Source> = {}): Source {
  return {
    info: {
      id,
      title: id,
      homepage: 'https://example.invalid',
      defaultEnabled: true,
      defaultAutoImport: false,
      needsCredentials: false,
      transport: 'http-files',
      downloads: 'test files',
    },
    configSchema: sourceConfigSchema({ extra: z.string().optional() }),
    check: () => (upstream.failCheck ? Promise.reject(upstream.failCheck) : Promise.resolve({ version: upstream.version })),
    async fetch(ctx) {
      upstream.fetches += 1;
      if (upstream.failFetch) throw upstream.failFetch;
      for (const [file, text] of Object.entries(upstream.files)) {
        await fs.mkdir(path.dirname(path.join(ctx.stagingDir, file)), { recursive: true });
        await fs.writeFile(path.join(ctx.stagingDir, file), text);
      }
      return { files: Object.keys(upstream.files).sort(), transferredBytes: 10 };
    },
    ...extra,
  };
}

/** An in-memory ledger (the store's real ledger is tested in @rommer/store). */
function memoryLedger(): Ledger & { entries: Map<string, LedgerEntry> } {
  const entries = new Map<string, LedgerEntry>();
  return {
    entries,
    get: (s) => Promise.resolve(entries.get(s)),
    list: () => Promise.resolve([...entries.values()]),
    set: (e) => {
      entries.set(e.source, { ...e, lastChecked: e.lastChecked ?? null, lastError: null });
      return Promise.resolve();
    },
    recordCheck: (s, at, error, state) => {
      const e = entries.get(s) ?? { source: s, version: '', lastUpdated: 0, url: null, state: null, lastChecked: null, lastError: null };
      if (entries.has(s) || state !== undefined) {
        entries.set(s, { ...e, lastChecked: at, lastError: error, ...(state !== undefined ? { state } : {}) });
      }
      return Promise.resolve();
    },
  };
}

/** The importer port: sniffs by the Logiqx root element and records what it was asked to import. */
function recordingImporter(): Importer & { imported: string[] } {
  const imported: string[] = [];
  return {
    imported,
    async sniff(file) {
      const head = await fs.readFile(file, 'utf8');
      if (!head.includes('<datafile>')) throw new RommerError('dat-format', `${file}: not a DAT`);
      return { format: 'logiqx', header: {} };
    },
    async importFiles(files) {
      imported.push(...files.map((f) => f.path));
      return { files: files.map((f) => ({ path: f.path, status: 'imported' as const, games: 1, roms: 1, disks: 0 })) };
    },
  };
}

let root: string;
let paths: RommerPaths;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-update-'));
  paths = resolvePaths({ dataDir: path.join(root, 'data'), config: path.join(root, 'sources.conf') });
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function setup(sources: Source[]) {
  const registry = createSourceRegistry(sources);
  const config = await loadConfig({ configFile: paths.configFile }, registry);
  return { registry, config, paths, ledger: memoryLedger(), importer: recordingImporter() };
}

const read = (file: string) => fs.readFile(file, 'utf8');

describe('runUpdate', () => {
  it('hands --force to the check, reports what the check says changed, and keeps the state a failure leaves', async () => {
    const upstream: Upstream = { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 };
    const seen: (boolean | undefined)[] = [];
    const source = upstreamSource('cool', upstream, {
      check: (ctx) => {
        seen.push(ctx.force);
        return Promise.resolve({ version: 'v1', changes: [{ item: 'System A', from: null, to: 'v1' }] });
      },
    });
    const deps = await setup([source]);
    const dry = await runUpdate({ ...deps, dryRun: true });
    expect(dry.sources[0]).toMatchObject({ status: 'would-update', upstreamChanges: [{ item: 'System A', from: null, to: 'v1' }] });
    await runUpdate({ ...deps, force: true });
    expect(seen).toEqual([undefined, true]);

    // A failure carrying ledger state (a cool-down) records it; one without leaves the state held.
    upstream.failFetch = new NetworkError('cool: refused', { ledgerState: { coolDown: { until: 5 } } });
    const failed = await runUpdate({ ...deps, force: true });
    expect(failed.sources[0]).toMatchObject({ status: 'failed', error: 'cool: refused', version: 'v1' });
    expect(deps.ledger.entries.get('cool')).toMatchObject({ version: 'v1', lastError: 'cool: refused', state: { coolDown: { until: 5 } } });
    upstream.failFetch = new NetworkError('cool: reset');
    await runUpdate({ ...deps, force: true });
    expect(deps.ledger.entries.get('cool')?.state).toEqual({ coolDown: { until: 5 } });

    // A source that never held a version: the state is kept, and nothing counts as held.
    const fresh = upstreamSource('fresh', { ...upstream, failFetch: new NetworkError('fresh: refused', { ledgerState: { coolDown: { until: 9 } } }) });
    const freshDeps = await setup([fresh]);
    await runUpdate(freshDeps);
    expect(freshDeps.ledger.entries.get('fresh')).toMatchObject({ version: '', state: { coolDown: { until: 9 } } });
    const again = await runUpdate(freshDeps);
    expect(again.sources[0]).toMatchObject({ previousVersion: null });
  });

  it('stages, verifies, commits, records the version and imports; a second run is up to date', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a'), 'sub/b.dat': dat('b') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', up)]);
    const events: UpdateEvent[] = [];
    const first = await runUpdate({ ...base, import: true, onEvent: (e) => events.push(e) });
    expect(first.sources[0]).toMatchObject({ id: 'alpha', status: 'updated', version: 'v1', previousVersion: null, files: 2, changedFiles: 2 });
    expect(await read(path.join(paths.datsDir, 'alpha', 'sub', 'b.dat'))).toBe(dat('b'));
    expect(base.ledger.entries.get('alpha')?.version).toBe('v1');
    // Imported from staging (one pass), before the swap.
    expect(base.importer.imported.map((p) => path.relative(paths.datsDir, p).replace(/^\.staging\/alpha-[^/]+/, 'alpha'))).toEqual(['alpha/a.dat', 'alpha/sub/b.dat']);
    expect(events.map((e) => (e.type === 'progress' ? e.phase : e.type))).toEqual(
      expect.arrayContaining(['start', 'queued', 'checking', 'downloading', 'verifying', 'committing', 'importing', 'done', 'result', 'summary']),
    );
    // Nothing is left behind in staging or the trash.
    expect(await fs.readdir(paths.datsDir)).toEqual(['alpha']);
    expect(await fs.stat(paths.lockFile).catch(() => null)).toBeNull();

    const second = await runUpdate({ ...base });
    expect(second.sources[0]).toMatchObject({ status: 'up-to-date', version: 'v1' });
    expect(up.fetches).toBe(1);
    const forced = await runUpdate({ ...base, force: true });
    expect(forced.sources[0]).toMatchObject({ status: 'updated', changedFiles: 0 });
    expect(up.fetches).toBe(2);
  });

  it('imports only changed files and replaces the folder on a new version', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a'), 'b.dat': dat('b') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', up)]);
    await runUpdate({ ...base });
    up.version = 'v2';
    up.files = { 'a.dat': dat('a'), 'c.dat': dat('c') };
    const result = await runUpdate({ ...base, import: true });
    expect(result.sources[0]).toMatchObject({ status: 'updated', previousVersion: 'v1', version: 'v2', changedFiles: 1 });
    expect(base.importer.imported.map((p) => path.basename(p)), base.importer.imported.join()).toEqual(['c.dat']);
    expect((await fs.readdir(path.join(paths.datsDir, 'alpha'))).sort()).toEqual(['.rommer-source.json', 'a.dat', 'c.dat']);
  });

  it('refuses to commit a staged file that is not a DAT and keeps the previous DATs', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', up)]);
    await runUpdate({ ...base });
    up.version = 'v2';
    up.files = { 'a.dat': '<html><body>Please log in</body></html>' };
    const result = await runUpdate({ ...base });
    expect(result.sources[0]?.status).toBe('failed');
    expect(result.sources[0]?.error).toMatch(/^alpha: a\.dat is not a usable DAT .*keeping the DATs held$/);
    expect(await read(path.join(paths.datsDir, 'alpha', 'a.dat'))).toBe(dat('a'));
    expect(base.ledger.entries.get('alpha')).toMatchObject({ version: 'v1', lastError: result.sources[0]?.error });
    expect(await fs.readdir(paths.datsDir)).toEqual(['alpha']);
  });

  it('imports one source at a time while sources update concurrently (the catalogue has one writer)', async () => {
    const a: Upstream = { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 };
    const b: Upstream = { version: 'v1', files: { 'b.dat': dat('b') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', a), upstreamSource('beta', b)]);
    let open = 0;
    const overlaps: string[] = [];
    const importer: Importer = {
      sniff: base.importer.sniff,
      async importFiles(files) {
        // Like the store: a second import while one is open is refused.
        if (open > 0) overlaps.push(files[0]!.path);
        open += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        open -= 1;
        return { files: files.map((f) => ({ path: f.path, status: 'imported' as const, games: 1, roms: 1, disks: 0 })) };
      },
    };
    const summary = await runUpdate({ ...base, importer, import: true, concurrency: 2 });
    expect(summary.sources.map((s) => s.status)).toEqual(['updated', 'updated']);
    expect(overlaps).toEqual([]);
  });

  it('reads changed DATs to the end before the commit: one cut short keeps the DATs held', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a'), 'b.dat': dat('b') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', up)]);
    const verified: string[] = [];
    const importer: Importer = {
      ...base.importer,
      async verify(file) {
        verified.push(path.basename(file));
        if (!(await read(file)).includes('</datafile>')) throw new RommerError('dat-format', `${file}: unexpected end of file`);
      },
    };
    expect((await runUpdate({ ...base, importer })).sources[0]?.status).toBe('updated');
    expect(verified).toEqual(['a.dat', 'b.dat']);

    verified.length = 0;
    up.version = 'v2';
    up.files['b.dat'] = dat('b').slice(0, 80);
    const second = await runUpdate({ ...base, importer });
    expect(second.sources[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/^alpha: b\.dat is not a usable DAT .*keeping the DATs held$/) });
    // Only the changed file is read whole; the held one is untouched.
    expect(verified).toEqual(['b.dat']);
    expect(await read(path.join(paths.datsDir, 'alpha', 'b.dat'))).toBe(dat('b'));
    expect(base.ledger.entries.get('alpha')?.version).toBe('v1');
  });

  it('isolates one source failure from the others', async () => {
    const good: Upstream = { version: 'g1', files: { 'g.dat': dat('g') }, fetches: 0 };
    const bad: Upstream = { version: 'b1', files: {}, fetches: 0, failFetch: new NetworkError('GET http://x/pack.zip: connection reset') };
    const base = await setup([upstreamSource('bad', bad), upstreamSource('good', good)]);
    const result = await runUpdate({ ...base, concurrency: 1 });
    expect(result.sources.map((s) => [s.id, s.status, s.error])).toEqual([
      ['bad', 'failed', 'GET http://x/pack.zip: connection reset'],
      ['good', 'updated', null],
    ]);
    expect(await fs.readdir(paths.stagingDir).catch(() => 'gone')).toBe('gone');
  });

  it('writes nothing in a dry run and says what would happen', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', up)]);
    const result = await runUpdate({ ...base, dryRun: true });
    expect(result.sources[0]).toMatchObject({ status: 'would-update', version: 'v1', previousVersion: null });
    expect(up.fetches).toBe(0);
    expect(await fs.readdir(root)).toEqual([]);
  });

  it('selects enabled sources by default', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 };
    const disabled = upstreamSource('disabled', up);
    disabled.info = { ...disabled.info, defaultEnabled: false };
    const base = await setup([upstreamSource('on', up), disabled]);
    const result = await runUpdate({ ...base });
    expect(result.sources.map((s) => [s.id, s.status])).toEqual([['on', 'updated']]);
  });

  it('refuses to run while another live process holds the lock, and takes over a stale one', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', up)]);
    await fs.mkdir(paths.dataDir, { recursive: true });
    await fs.writeFile(paths.lockFile, JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: 'earlier' }));
    await expect(runUpdate({ ...base })).rejects.toThrow(/another rommer update \(pid \d+/);
    // A pid that cannot exist: the lock is stale.
    await fs.writeFile(paths.lockFile, JSON.stringify({ pid: 2 ** 22 + 1, host: os.hostname(), startedAt: 'earlier' }));
    expect((await runUpdate({ ...base })).sources[0]?.status).toBe('updated');
  });

  it('names only what a lock file holds (no "since undefined")', async () => {
    const base = await setup([upstreamSource('alpha', { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 })]);
    await fs.mkdir(paths.dataDir, { recursive: true });
    await fs.writeFile(paths.lockFile, JSON.stringify({ pid: process.ppid }));
    const error = await runUpdate({ ...base }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^another rommer update \(pid \d+\) is using /);
  });

  it('--import on an up-to-date source that fails to import is failed, not "up to date"', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', up)]);
    await runUpdate({ ...base });
    const failing: Importer = {
      ...base.importer,
      importFiles: (files) =>
        Promise.resolve({ files: files.map((f) => ({ path: f.path, status: 'failed' as const, games: 0, roms: 0, disks: 0, error: `${f.path}: cut short` })) }),
    };
    const again = await runUpdate({ ...base, importer: failing, import: true });
    expect(again.sources[0]).toMatchObject({ status: 'failed', error: '1 DAT failed to import (a.dat: ' + path.join(paths.datsDir, 'alpha', 'a.dat') + ': cut short)' });
  });

  it('imports changed DATs from staging before the swap (one pass, no separate verify), keyed as their final paths', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', up)]);
    let verified = 0;
    const calls: { paths: string[]; stagedAs: unknown }[] = [];
    const importer: Importer = {
      ...base.importer,
      verify: () => {
        verified++;
        return Promise.resolve();
      },
      importFiles: (files, options) => {
        calls.push({ paths: files.map((f) => f.path), stagedAs: options.stagedAs });
        return base.importer.importFiles(files, options);
      },
    };
    const first = await runUpdate({ ...base, importer, import: true });
    expect(first.sources[0]).toMatchObject({ status: 'updated', imported: { dats: 1 } });
    expect(verified).toBe(0);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.paths[0]).toMatch(/\/\.staging\/alpha-[^/]+\/a\.dat$/);
    expect(calls[0]!.stagedAs).toEqual({ staged: expect.stringContaining('.staging'), target: path.join(paths.datsDir, 'alpha') });
    // The version is committed with the files.
    expect(JSON.parse(await read(path.join(paths.datsDir, 'alpha', '.rommer-source.json')))).toMatchObject({ source: 'alpha', version: 'v1', catalogued: true });
  });

  it('a DAT that fails to import from staging: nothing swapped, rows put back from the files held, a true message', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a'), 'b.dat': dat('b') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', up)]);
    await runUpdate({ ...base, import: true });
    up.version = 'v2';
    up.files = { 'a.dat': dat('a2'), 'b.dat': dat('b2') };
    const requests: string[][] = [];
    const importer: Importer = {
      ...base.importer,
      catalogued: () => Promise.resolve([]),
      importFiles: (files) => {
        requests.push(files.map((f) => path.relative(paths.datsDir, f.path).replace(/^\.staging\/alpha-[^/]+/, 'STAGED')));
        return Promise.resolve({
          files: files.map((f) =>
            f.path.endsWith('b.dat') && f.path.includes('.staging')
              ? { path: f.path.replace(/\.staging\/alpha-[^/]+/, 'alpha'), status: 'failed' as const, games: 0, roms: 0, disks: 0, error: `${f.path}, line 2: unexpected end of file inside markup` }
              : { path: f.path, status: 'imported' as const, games: 1, roms: 1, disks: 0 },
          ),
        });
      },
    };
    const second = await runUpdate({ ...base, importer, import: true });
    expect(second.sources[0]).toMatchObject({ status: 'failed', error: 'alpha: b.dat is not a usable DAT (unexpected end of file inside markup); keeping the DATs held' });
    expect(await read(path.join(paths.datsDir, 'alpha', 'a.dat'))).toBe(dat('a'));
    expect(base.ledger.entries.get('alpha')?.version).toBe('v1');
    // First the staged import, then the held files put back.
    expect(requests.slice(-2)).toEqual([['STAGED/a.dat', 'STAGED/b.dat'], ['alpha/a.dat', 'alpha/b.dat']]);
    expect((await fs.readdir(paths.datsDir)).filter((f) => f.startsWith('.pending'))).toEqual([]);
  });

  it('restores a lost ledger from the folder held and re-imports what the catalogue lacks, saying so', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', up)]);
    await runUpdate({ ...base, import: true });
    base.ledger.entries.clear();
    base.importer.imported.length = 0;
    const importer: Importer = { ...base.importer, catalogued: () => Promise.resolve([]) };
    const again = await runUpdate({ ...base, importer });
    expect(again.sources[0]).toMatchObject({ status: 'up-to-date', version: 'v1' });
    expect(up.fetches).toBe(1);
    expect(base.ledger.entries.get('alpha')?.version).toBe('v1');
    expect(base.importer.imported.map((p) => path.relative(paths.datsDir, p))).toEqual(['alpha/a.dat']);
    expect(again.sources[0]!.warnings).toEqual([
      "the catalogue's ledger said nothing for alpha; restored v1 from dats/alpha",
      'the catalogue disagreed with dats/alpha; repaired from the files held: 1 DAT re-imported',
    ]);
  });

  it('puts back a source folder parked by a commit that was killed half-way', async () => {
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 };
    const base = await setup([upstreamSource('alpha', up)]);
    await runUpdate({ ...base });
    // Simulate a kill between the two renames: the old folder is in the trash, none in place.
    await fs.mkdir(paths.trashDir, { recursive: true });
    await fs.rename(path.join(paths.datsDir, 'alpha'), path.join(paths.trashDir, 'alpha@1-1'));
    await fs.mkdir(path.join(paths.stagingDir, 'alpha-leftover'), { recursive: true });
    up.failCheck = new NetworkError('GET http://x: connection refused');
    await runUpdate({ ...base });
    expect(await read(path.join(paths.datsDir, 'alpha', 'a.dat'))).toBe(dat('a'));
    expect(await fs.readdir(paths.datsDir)).toEqual(['alpha']);
  });

  it('cancels cleanly: nothing committed, staging removed', async () => {
    const controller = new AbortController();
    const up: Upstream = { version: 'v1', files: { 'a.dat': dat('a') }, fetches: 0 };
    const slow = upstreamSource('alpha', up, {
      async fetch(ctx) {
        controller.abort();
        await fs.writeFile(path.join(ctx.stagingDir, 'a.dat'), dat('a'));
        return { files: ['a.dat'] };
      },
    });
    const base = await setup([slow]);
    const result = await runUpdate({ ...base, signal: controller.signal });
    expect(result.sources[0]).toMatchObject({ status: 'failed', error: 'cancelled' });
    expect(await fs.readdir(paths.datsDir)).toEqual([]);
  });
});
