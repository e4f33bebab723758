import fs from 'node:fs/promises';
import path from 'node:path';
import { GitHubRateLimitError } from '@rommer/core/github';
import { makeSourceContext, type SourceTestContext } from '@rommer/core/testing';
import type { LedgerEntry } from '@rommer/core';
import {
  fixturesDir,
  mountGitHub,
  publishGitHubFixtures,
  startMirror,
  type GitHubSite,
  type Mirror,
} from '@rommer/mirror';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema, type LibretroConfig } from './config.js';
import { libretroSource } from './index.js';

let mirror: Mirror;
let site: GitHubSite;
let kit: SourceTestContext<LibretroConfig> | undefined;

beforeEach(async () => {
  mirror = await startMirror();
  site = mountGitHub(mirror);
  await publishGitHubFixtures(site, fixturesDir);
});
afterEach(async () => {
  await mirror.close();
  await kit?.cleanup();
  kit = undefined;
});

/** The first run's context with the mirror as GitHub, or the next run's in the same folders. */
async function context(held?: LedgerEntry) {
  kit = kit === undefined
    ? await makeSourceContext(configSchema, {}, {
        held,
        defaults: { github_api: site.apiUrl, github_raw: site.rawUrl },
        retries: 0,
      })
    : await kit.nextRun(held);
  return kit;
}

const paths = [
  'dat/CHIP-8.dat',
  'dat/Sony - PlayStation Minis.dat',
  'metadat/no-intro/Atari - 7800.dat',
  'metadat/no-intro/Atari - Lynx.dat',
  'metadat/tosec/Atari - 7800.dat',
];

describe('libretroSource', () => {
  it('is off by default, importing when enabled', () => {
    expect([libretroSource.info.defaultEnabled, libretroSource.info.defaultAutoImport]).toEqual([
      false,
      true,
    ]);
  });

  it('keeps the upstream folders (one file name, two folders), skips other folders, names missing ones', async () => {
    const { ctx, fetchCtx, stagingDir, promote, warnings } = await context();
    const remote = await libretroSource.check(ctx);
    expect(remote.version).toBe(site.treeSha('libretro/libretro-database'));
    expect(remote.files?.map((f) => f.path)).toEqual(paths);
    expect(warnings).toEqual([
      'libretro: "metadat/redump" is not in libretro/libretro-database@master; skipped',
    ]);
    const result = await libretroSource.fetch(fetchCtx(remote));
    expect(result.files).toEqual(paths);
    for (const file of paths) {
      const staged = await fs.readFile(path.join(stagingDir, ...file.split('/')));
      expect(staged.equals(await fs.readFile(path.join(fixturesDir, 'libretro', ...file.split('/'))))).toBe(
        true,
      );
    }
    expect(result.state).toMatchObject({
      repo: 'libretro/libretro-database',
      ref: 'master',
      tree: remote.version,
    });

    await promote();
    const held: LedgerEntry = {
      source: 'libretro',
      version: remote.version,
      lastUpdated: 1,
      url: null,
      lastChecked: null,
      state: result.state ?? null,
      lastError: null,
    };
    // A commit outside the configured folders changes the tree sha but nothing rommer holds.
    site.setFile('libretro/libretro-database', 'rdb/New.rdb', 'x');
    mirror.clearRequests();
    const again = await libretroSource.check((await context(held)).ctx);
    expect(again.version).not.toBe(remote.version);
    expect(again.upToDate).toBe(true);
    expect(mirror.requests).toHaveLength(1);
  });

  it('lists the same files when GitHub truncates the recursive tree', async () => {
    site.truncateTreesAfter(3);
    const { ctx } = await context();
    const remote = await libretroSource.check(ctx);
    expect(remote.files?.map((f) => f.path)).toEqual(paths);
    expect(mirror.requestsTo('/github-api/').length).toBeGreaterThan(1);
  });

  it('takes a folder the user adds', async () => {
    const { ctx } = await context();
    const config = configSchema.parse({ paths: ['dat', 'metadat/genre'] });
    const remote = await libretroSource.check({ ...ctx, config });
    expect(remote.files?.map((f) => f.path)).toEqual([
      'dat/CHIP-8.dat',
      'dat/Sony - PlayStation Minis.dat',
      'metadat/genre/CHIP-8.dat',
    ]);
  });

  it('explains a rate-limited API', async () => {
    site.rateLimit('secondary');
    const { ctx } = await context();
    const error = await libretroSource.check(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect((error as Error).message).toMatch(
      /^libretro: GitHub API rate limit reached; resets at \d\d:\d\d UTC/,
    );
  });
});
