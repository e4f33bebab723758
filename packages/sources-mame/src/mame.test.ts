import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ArchiveError } from '@rommer/archive';
import { GitHubRateLimitError } from '@rommer/core/github';
import { makeSourceContext, type SourceTestContext } from '@rommer/core/testing';
import { UpstreamChangedError } from '@rommer/core';
import {
  mameListXml,
  mameReleaseZip,
  mountGitHub,
  startMirror,
  zipFiles,
  type GitHubSite,
  type Mirror,
} from '@rommer/mirror';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema, type MameConfig } from './config.js';
import { mameSource } from './index.js';

let mirror: Mirror;
let site: GitHubSite;
let kit: SourceTestContext<MameConfig> | undefined;
const token = 'ghp_mameTestTokenNeverShown0123456789';

async function publish(build: string, assets?: { name: string; bytes: Uint8Array }[]) {
  const tag = `mame0${build.split('.')[1]}`;
  site.setRelease('mamedev/mame', {
    tag,
    assets: assets ?? [
      { name: `${tag}b_x64.exe`, bytes: Buffer.from('MZ') },
      { name: `${tag}lx.zip`, bytes: await mameReleaseZip(build) },
    ],
  });
}

beforeEach(async () => {
  mirror = await startMirror();
  site = mountGitHub(mirror);
  await publish('0.289');
});
afterEach(async () => {
  await mirror.close();
  await kit?.cleanup();
  kit = undefined;
});

/** The first run's context, or the next one in the same folders (a fresh staging/ and work/). */
async function context() {
  kit = kit === undefined
    ? await makeSourceContext(configSchema, {}, {
        defaults: { github_api: site.apiUrl, github_raw: site.rawUrl },
        env: { GITHUB_TOKEN: token },
        retries: 0,
      })
    : await kit.nextRun(undefined);
  return kit;
}

async function run() {
  const { ctx, fetchCtx, warnings, promote } = await context();
  const remote = await mameSource.check(ctx);
  const fc = fetchCtx(remote);
  const result = await mameSource.fetch(fc);
  return { ctx: fc, remote, result, warnings, promote };
}

describe('mameSource', () => {
  it('is off by default', () => {
    expect(mameSource.info.defaultEnabled).toBe(false);
  });

  it('checks the latest release with one API call and stages its one ListXML', async () => {
    const { ctx, remote, result, warnings } = await run();
    expect(remote.version).toBe('mame0289');
    expect(remote.files?.map((f) => f.path)).toEqual(['mame0289lx.zip']);
    expect(result).toMatchObject({ files: ['mame0289.xml'], version: 'mame0289' });
    expect(result.transferredBytes).toBe(remote.totalBytes);
    expect(warnings).toEqual([]);
    expect(await fs.readFile(path.join(ctx.stagingDir, 'mame0289.xml'), 'utf8')).toBe(mameListXml('0.289'));
    expect(await fs.readdir(ctx.workDir)).toEqual([]);
    // The token goes to the API only, never to the download host.
    const api = mirror.requestsTo('/github-api/');
    expect(api.map((r) => r.url)).toEqual(['/github-api/repos/mamedev/mame/releases/latest']);
    expect(api[0]?.headers['authorization']).toBe(`Bearer ${token}`);
    const downloads = mirror.requestsTo('/github-dl/');
    expect(downloads.map((r) => r.status)).toEqual([302, 200]);
    expect(downloads.every((r) => r.headers['authorization'] === undefined)).toBe(true);
  });

  it('stages only the new release XML when a new release is out', async () => {
    const first = await run();
    await first.promote();
    await publish('0.290');
    const second = await run();
    expect(second.remote.version).toBe('mame0290');
    expect(await fs.readdir(second.ctx.stagingDir)).toEqual(['mame0290.xml']);
  });

  it('says so when the release has no ListXML asset', async () => {
    await publish('0.290', [{ name: 'mame0290b_x64.exe', bytes: Buffer.from('MZ') }]);
    const { ctx } = await context();
    await expect(mameSource.check(ctx)).rejects.toThrow(
      'mame: release mame0290 of mamedev/mame has no mameNNNNlx.zip asset (assets: mame0290b_x64.exe)',
    );
  });

  it('rejects a download that does not match the digest GitHub lists, staging nothing', async () => {
    const zip = await mameReleaseZip('0.289');
    const evil = Buffer.from(zip);
    evil[evil.length - 30] = evil[evil.length - 30]! ^ 0xff;
    site.corruptAsset('mamedev/mame', 'mame0289lx.zip', evil);
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamChangedError);
    expect((error as Error).message).toMatch(
      /^mame: mame0289lx\.zip does not match the sha256 GitHub lists for mame0289/,
    );
    expect(await fs.readdir(kit!.stagingDir)).toEqual([]);
  });

  it('verifies the zip against the SHA256SUMS of its release: a match stages it, a mismatch or a missing line fails', async () => {
    const zip = await mameReleaseZip('0.289');
    const sum = createHash('sha256').update(zip).digest('hex');
    const release = (sums: string) => [
      { name: 'mame0289b_x64.exe', bytes: Buffer.from('MZ') },
      { name: 'mame0289lx.zip', bytes: zip },
      { name: 'SHA256SUMS', bytes: Buffer.from(sums) },
    ];
    await publish('0.289', release(`${'0'.repeat(64)}  mame0289b_x64.exe\n${sum} *mame0289lx.zip\n`));
    mirror.clearRequests();
    const ok = await run();
    expect(ok.result.files).toEqual(['mame0289.xml']);
    // The list first, then the zip (each redirected to its object, as GitHub does).
    expect(mirror.requests.map((r) => `${r.method} ${r.url.replace(/\/objects\/\d+$/, '/objects/N')}`).filter((r) => r.includes('/github-dl/'))).toEqual([
      'GET /github-dl/mamedev/mame/releases/download/mame0289/SHA256SUMS',
      'GET /github-dl/objects/N',
      'GET /github-dl/mamedev/mame/releases/download/mame0289/mame0289lx.zip',
      'GET /github-dl/objects/N',
    ]);

    await publish('0.289', release(`${'ab'.repeat(32)}  mame0289lx.zip\n`));
    const bad = await run().catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(UpstreamChangedError);
    expect((bad as Error).message).toBe(`mame: mame0289lx.zip does not match the mame0289 release's SHA256SUMS (abababababab…, got ${sum.slice(0, 12)}…); rejected`);
    expect(await fs.readdir(kit!.stagingDir)).toEqual([]);

    await publish('0.289', release(`${sum}  mame0289s.exe\n`));
    const before = mirror.requests.length;
    await expect(run()).rejects.toThrow("mame: the mame0289 release's SHA256SUMS does not list mame0289lx.zip; rejected");
    expect(mirror.requests.slice(before).some((r) => r.url.endsWith('lx.zip') && r.method === 'GET' && r.url.includes('/github-dl/'))).toBe(false);
  });

  it('rejects a zip without a mameNNNN.xml at its top, and an asset that is no zip at all', async () => {
    const elsewhere = await zipFiles([
      { name: 'docs/mame0290.xml', data: '<mame/>' },
      { name: 'whatsnew.txt', data: 'news' },
    ]);
    await publish('0.290', [{ name: 'mame0290lx.zip', bytes: elsewhere }]);
    const { ctx, fetchCtx, stagingDir } = await context();
    await expect(mameSource.fetch(fetchCtx(await mameSource.check(ctx)))).rejects.toThrow(
      'mame: mame0290lx.zip holds no mameNNNN.xml files; expected one',
    );
    expect(await fs.readdir(stagingDir)).toEqual([]);

    await publish('0.291', [{ name: 'mame0291lx.zip', bytes: Buffer.from('<html>not a zip</html>') }]);
    const again = await context();
    const error = await mameSource.fetch(again.fetchCtx(await mameSource.check(again.ctx))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect(await fs.readdir(again.stagingDir)).toEqual([]);
  });

  it('explains a rate-limited API without showing the token', async () => {
    site.rateLimit(true);
    const { ctx } = await context();
    const error = await mameSource.check(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect((error as Error).message).toMatch(/^mame: GitHub API rate limit reached; resets at \d\d:\d\d UTC/);
    expect((error as Error).message).not.toContain(token);
  });
});
