import path from 'node:path';
import fs from 'node:fs/promises';
import {
  fixturesDir,
  mameListXmlCounts,
  mameReleaseZip,
  mountGitHub,
  publishGitHubFixtures,
  startMirror,
  type GitHubSite,
  type Mirror,
} from '@rommer/mirror';
import { openStore } from '@rommer/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSandbox,
  expectedCounts,
  jsonSummary,
  snapshotTree,
  type Sandbox,
} from './support/rommer-cli.js';

const token = 'ghp_e2eTokenThatMustNeverBePrinted0000';
const fbneoRepo = 'libretro/FBNeo';
const libretroRepo = 'libretro/libretro-database';
const all = ['--source', 'mame', '--source', 'fbneo', '--source', 'libretro'];

let sandbox: Sandbox;
let mirror: Mirror;
let site: GitHubSite;
let datsDir: string;

const env = { GITHUB_TOKEN: token };

/** Every request the run made, as "METHOD path status" lines (what crossed the wire). */
const wire = () => mirror.requests.map((r) => `${r.method} ${decodeURIComponent(r.url)} ${r.status}`);

async function catalogue(source: string) {
  const store = await openStore(path.join(sandbox.dataDir, 'rommer.db'));
  try {
    return (await store.listDats({ source })).map((dat) => ({
      file: path.isAbsolute(dat.path) ? path.relative(datsDir, dat.path) : dat.path,
      games: dat.games,
      roms: dat.roms,
      disks: dat.disks,
    }));
  } finally {
    await store.close();
  }
}

async function ledger(source: string) {
  const store = await openStore(path.join(sandbox.dataDir, 'rommer.db'));
  try {
    return await store.ledger.get(source);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  sandbox = await createSandbox('rommer-e2e-github-');
  mirror = await startMirror();
  site = mountGitHub(mirror);
  await publishGitHubFixtures(site, fixturesDir);
  await sandbox.writeConfig(
    [
      '[defaults]',
      `github_api = "${site.apiUrl}"`,
      `github_raw = "${site.rawUrl}"`,
      'retries = 0',
      '[sources.mame]',
      'enabled = true',
      '[sources.fbneo]',
      'enabled = true',
      '[sources.libretro]',
      'enabled = true',
      '',
    ].join('\n'),
  );
  datsDir = path.join(sandbox.dataDir, 'dats');
});
afterAll(async () => {
  await mirror?.close();
  await sandbox?.cleanup();
});

// The steps build on each other: one imitation of GitHub, one data folder, several runs.
describe.sequential(
  'rommer update --source mame --source fbneo --source libretro against the GitHub imitation',
  () => {
    it('first run downloads, imports with counts equal to EXPECTED.json, and sends the token to the API only', async () => {
      const run = await sandbox.run(['update', ...all, '--import', '--json'], { env });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout + run.stderr).not.toContain(token);
      const summary = jsonSummary(run.stdout);
      expect(summary.sources.map((s) => [s.id, s.status, s.version, s.files])).toEqual([
        ['mame', 'updated', 'mame0289', 1],
        ['fbneo', 'updated', site.treeSha(fbneoRepo), 2],
        ['libretro', 'updated', site.treeSha(libretroRepo), 5],
      ]);

      const expected = await expectedCounts();
      const fbneo = await catalogue('fbneo');
      expect(fbneo.map((d) => d.file)).toEqual([
        'fbneo/dats/FinalBurn Neo (ClrMame Pro XML, Game Gear only).dat',
        'fbneo/dats/FinalBurn Neo (ClrMame Pro XML, Sega SG-1000 only).dat',
      ]);
      for (const dat of fbneo) {
        const want = expected[`fbneo/${path.basename(dat.file)}`]!;
        expect(dat).toEqual({ file: dat.file, games: want.games, roms: want.roms, disks: want.disks });
      }
      const libretro = await catalogue('libretro');
      expect(libretro).toHaveLength(5);
      for (const dat of libretro) {
        const want = expected[dat.file];
        expect(want, dat.file).toBeDefined();
        expect(dat).toEqual({ file: dat.file, games: want!.games, roms: want!.roms, disks: want!.disks });
      }
      expect(await catalogue('mame')).toEqual([
        {
          file: 'mame/mame0289.xml',
          games: mameListXmlCounts.machines,
          roms: mameListXmlCounts.roms,
          disks: mameListXmlCounts.disks,
        },
      ]);

      // The bytes are upstream's, in the upstream folders.
      const upstream = await fs.readFile(
        path.join(fixturesDir, 'libretro', 'metadat', 'tosec', 'Atari - 7800.dat'),
      );
      expect(
        await fs.readFile(path.join(datsDir, 'libretro', 'metadat', 'tosec', 'Atari - 7800.dat')),
      ).toEqual(upstream);

      const api = mirror.requestsTo('/github-api/');
      expect(api).toHaveLength(3);
      expect(api.every((r) => r.headers['authorization'] === `Bearer ${token}`)).toBe(true);
      const elsewhere = mirror.requests.filter((r) => !r.url.startsWith('/github-api/'));
      expect(elsewhere.length).toBeGreaterThan(0);
      expect(elsewhere.every((r) => r.headers['authorization'] === undefined)).toBe(true);
    });

    it('second run transfers nothing but the three listing calls', async () => {
      const before = await snapshotTree(datsDir);
      mirror.clearRequests();
      const run = await sandbox.run(['update', ...all, '--import'], { env });
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toContain('Up to date: mame, fbneo, libretro');
      expect(wire()).toEqual([
        'GET /github-api/repos/mamedev/mame/releases/latest 200',
        `GET /github-api/repos/${fbneoRepo}/git/trees/master?recursive=1 200`,
        `GET /github-api/repos/${libretroRepo}/git/trees/master?recursive=1 200`,
      ]);
      expect(await snapshotTree(datsDir)).toEqual(before);
    });

    it('one file changed upstream: only that file is downloaded and imported', async () => {
      const file = 'metadat/no-intro/Atari - Lynx.dat';
      const original = await fs.readFile(path.join(fixturesDir, 'libretro', file), 'utf8');
      const changed = original.replace(
        /\)\s*$/,
        ')\n\ngame (\n\tname "Rommer Test Cart"\n\trom ( name "rommer.lnx" size 4 crc 12345678 )\n)\n',
      );
      site.setFile(libretroRepo, file, changed);

      // A dry run tells what would be downloaded, from the listing alone, and writes nothing.
      const before = await snapshotTree(datsDir);
      mirror.clearRequests();
      const dry = await sandbox.run(['update', '--source', 'libretro', '--dry-run', '--json'], { env });
      expect(dry.code, dry.stdout).toBe(0);
      expect(JSON.parse(dry.stdout.trim().split('\n').at(-1)!).sources[0]).toMatchObject({
        status: 'would-update',
        files: 1,
        plannedBytes: Buffer.byteLength(changed),
      });
      expect(wire()).toEqual([`GET /github-api/repos/${libretroRepo}/git/trees/master?recursive=1 200`]);
      expect(await snapshotTree(datsDir)).toEqual(before);

      mirror.clearRequests();
      const run = await sandbox.run(['update', ...all, '--import', '--json'], { env });
      expect(run.code, run.stdout).toBe(0);
      const summary = jsonSummary(run.stdout);
      expect(summary.sources.map((s) => [s.id, s.status])).toEqual([
        ['mame', 'up-to-date'],
        ['fbneo', 'up-to-date'],
        ['libretro', 'updated'],
      ]);
      const libretro = summary.sources[2]!;
      expect(libretro).toMatchObject({
        changedFiles: 1,
        files: 5,
        transferredBytes: Buffer.byteLength(changed),
      });
      expect(libretro.imported.dats).toBe(1);
      expect(wire().filter((line) => !line.startsWith('GET /github-api/'))).toEqual([
        `GET /github-raw/${libretroRepo}/master/${file} 200`,
      ]);
      const lynx = (await catalogue('libretro')).find((d) => d.file === `libretro/${file}`)!;
      expect(lynx.games).toBe(682);
    });

    it('a file removed upstream leaves the folder and the catalogue', async () => {
      site.removeFile(libretroRepo, 'metadat/tosec/Atari - 7800.dat');
      mirror.clearRequests();
      const run = await sandbox.run(['update', '--source', 'libretro', '--import', '--json'], { env });
      expect(run.code, run.stdout).toBe(0);
      expect(jsonSummary(run.stdout).sources[0]).toMatchObject({
        status: 'updated',
        files: 4,
        changedFiles: 0,
      });
      expect(mirror.requestsTo('/github-raw/')).toEqual([]);
      await expect(
        fs.access(path.join(datsDir, 'libretro', 'metadat', 'tosec', 'Atari - 7800.dat')),
      ).rejects.toThrow();
      // Its namesake in metadat/no-intro stays.
      await fs.access(path.join(datsDir, 'libretro', 'metadat', 'no-intro', 'Atari - 7800.dat'));
      expect((await catalogue('libretro')).map((d) => d.file)).not.toContain(
        'libretro/metadat/tosec/Atari - 7800.dat',
      );
    });

    it('a rate-limited API fails each source with one plain line and loses nothing', async () => {
      const before = await snapshotTree(datsDir);
      const held = await ledger('fbneo');
      site.rateLimit(true);
      try {
        const run = await sandbox.run(['update', ...all]);
        expect(run.code).toBe(1);
        // A source's failure line goes to stderr; the summary stays on stdout.
        for (const id of ['mame', 'fbneo', 'libretro']) {
          expect(run.stderr).toMatch(
            new RegExp(
              `^${id}: failed: GitHub API rate limit reached; resets at \\d\\d:\\d\\d UTC — set GITHUB_TOKEN or \\[defaults\\] github_token`,
              'm',
            ),
          );
        }
        expect(run.stdout).toMatch(/^Failed: mame \(GitHub API rate limit reached/m);
      } finally {
        site.rateLimit(false);
      }
      expect(await snapshotTree(datsDir)).toEqual(before);
      expect((await ledger('fbneo'))?.version).toBe(held?.version);
    });

    it('a download whose blob sha does not match is rejected; the DATs held stay', async () => {
      const before = await snapshotTree(datsDir);
      const file = 'dats/FinalBurn Neo (ClrMame Pro XML, Sega SG-1000 only).dat';
      const original = await fs.readFile(path.join(fixturesDir, 'fbneo', path.basename(file)), 'utf8');
      site.setFile(fbneoRepo, file, original.replace('</datafile>', '<!-- revised --></datafile>'));
      site.corruptRaw(
        fbneoRepo,
        file,
        Buffer.from(original.replace('</datafile>', '<!-- tampered --></datafile>')),
      );
      try {
        const run = await sandbox.run(['update', '--source', 'fbneo', '--json'], { env });
        expect(run.code).toBe(1);
        const result = jsonSummary(run.stdout).sources[0]!;
        expect(result.status).toBe('failed');
        expect(result.error).toMatch(
          /^fbneo: dats\/FinalBurn Neo \(ClrMame Pro XML, Sega SG-1000 only\)\.dat: the download does not match its git blob sha [0-9a-f]{12} \(got [0-9a-f]{12}\); rejected/,
        );
      } finally {
        site.corruptRaw(fbneoRepo, file, undefined);
      }
      expect(await snapshotTree(datsDir)).toEqual(before);
      // With the branch consistent again, the next run takes the change.
      const next = await sandbox.run(['update', '--source', 'fbneo', '--json'], { env });
      expect(jsonSummary(next.stdout).sources[0]).toMatchObject({ status: 'updated', changedFiles: 1 });
    });

    it('a new MAME release replaces the old ListXML', async () => {
      site.setRelease('mamedev/mame', {
        tag: 'mame0290',
        assets: [{ name: 'mame0290lx.zip', bytes: await mameReleaseZip('0.290') }],
      });
      const trace = path.join(sandbox.root, 'parse-trace.txt');
      const run = await sandbox.run(['update', '--source', 'mame', '--import', '--json'], { env: { ...env, ROMMER_PARSE_TRACE: trace } });
      expect(run.code, run.stdout).toBe(0);
      expect(jsonSummary(run.stdout).sources[0]).toMatchObject({
        status: 'updated',
        version: 'mame0290',
        previousVersion: 'mame0289',
      });
      // Parsed once: the import from staging is also the check that the ListXML reads to its end.
      const parses = (await fs.readFile(trace, 'utf8')).trim().split('\n');
      expect(parses).toHaveLength(1);
      expect(parses[0]).toMatch(/\/dats\/\.staging\/mame-[^/]+\/mame0290\.xml$/);
      expect((await fs.readdir(path.join(datsDir, 'mame'))).sort()).toEqual(['.rommer-source.json', 'mame0290.xml']);
      expect((await catalogue('mame')).map((d) => d.file)).toEqual(['mame/mame0290.xml']);
    });
  },
);
