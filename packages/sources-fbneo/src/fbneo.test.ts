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
import { configSchema, type FbneoConfig } from './config.js';
import { fbneoSource } from './index.js';

let mirror: Mirror;
let site: GitHubSite;
let kit: SourceTestContext<FbneoConfig> | undefined;

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

const game = 'dats/FinalBurn Neo (ClrMame Pro XML, Game Gear only).dat';

describe('fbneoSource', () => {
  it('is off by default, importing when enabled', () => {
    expect([fbneoSource.info.defaultEnabled, fbneoSource.info.defaultAutoImport]).toEqual([false, true]);
  });

  it('stages the DATs of dats/ byte for byte, then finds nothing to do with one tree call', async () => {
    const { ctx, fetchCtx, stagingDir, promote, warnings } = await context();
    const remote = await fbneoSource.check(ctx);
    expect(remote.version).toBe(site.treeSha('libretro/FBNeo'));
    expect(remote.files?.map((f) => f.path)).toEqual([
      game,
      'dats/FinalBurn Neo (ClrMame Pro XML, Sega SG-1000 only).dat',
    ]);
    const result = await fbneoSource.fetch(fetchCtx(remote));
    expect(result.files).toEqual(remote.files?.map((f) => f.path));
    expect(warnings).toEqual([]);
    const staged = await fs.readFile(path.join(stagingDir, ...game.split('/')));
    const upstream = await fs.readFile(path.join(fixturesDir, 'fbneo', path.basename(game)));
    expect(staged.equals(upstream)).toBe(true);
    expect(mirror.requestsTo('/github-raw/')).toHaveLength(2);
    expect(mirror.requestsTo('/github-raw/')[0]?.url).toContain(
      'FinalBurn%20Neo%20(ClrMame%20Pro%20XML%2C%20Game%20Gear%20only).dat',
    );

    await promote();
    const held: LedgerEntry = {
      source: 'fbneo',
      version: remote.version,
      lastUpdated: 1,
      url: null,
      lastChecked: null,
      state: result.state ?? null,
      lastError: null,
    };
    mirror.clearRequests();
    const again = await fbneoSource.check((await context(held)).ctx);
    expect(again.upToDate).toBe(true);
    expect(mirror.requests.map((r) => r.url)).toEqual([
      '/github-api/repos/libretro/FBNeo/git/trees/master?recursive=1',
    ]);
  });

  it('explains a rate-limited API and leaves the folder held alone', async () => {
    site.rateLimit(true);
    const { ctx } = await context();
    const error = await fbneoSource.check(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect((error as Error).message).toMatch(
      /^fbneo: GitHub API rate limit reached; resets at \d\d:\d\d UTC — set GITHUB_TOKEN/,
    );
  });

  it('uses the configured repository, ref and folders', async () => {
    site.setFile('me/fork', 'other/X.dat', '<datafile/>', 'dev');
    const { ctx } = await context();
    const remote = await fbneoSource.check({
      ...ctx,
      config: configSchema.parse({ repo: 'me/fork', ref: 'dev', paths: ['other'] }),
    });
    expect(remote.files?.map((f) => f.path)).toEqual(['other/X.dat']);
  });
});
