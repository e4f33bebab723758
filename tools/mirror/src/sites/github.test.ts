import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMirror, type Mirror } from '../server.js';
import { publishGitHubFixtures } from './github-fixtures.js';
import { mameListXml, mameReleaseZip } from './github-mame-release.js';
import { gitObjectSha, mountGitHub, type GitHubSite } from './github.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures');
let mirror: Mirror;
let site: GitHubSite;

beforeEach(async () => {
  mirror = await startMirror();
  site = mountGitHub(mirror);
});
afterEach(() => mirror.close());

const getJson = async (url: string) => {
  const response = await fetch(url);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
};

describe('the GitHub imitation', () => {
  it('computes the same tree sha as git for the same files', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mirror-git-'));
    try {
      const files: Record<string, string> = {
        'dats/A (USA, Europe).dat': 'a\n',
        'dats/b.dat': 'b',
        'dats-extra/c.dat': 'c',
        'dats.txt': 'sorted before dats/ by git rules',
        'README.md': '# hi\n',
      };
      for (const [p, text] of Object.entries(files)) {
        site.setFile('o/r', p, text);
        await fs.mkdir(path.dirname(path.join(dir, p)), { recursive: true });
        await fs.writeFile(path.join(dir, p), text);
      }
      execFileSync('git', ['init', '-q', dir]);
      execFileSync('git', ['-C', dir, 'add', '-A']);
      const gitTree = execFileSync('git', ['-C', dir, 'write-tree']).toString().trim();
      expect(site.treeSha('o/r')).toBe(gitTree);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('answers the trees API recursively, by sha, truncated on request, 404 otherwise', async () => {
    site.setFile('o/r', 'dats/x.dat', 'x');
    site.setFile('o/r', 'dats/sub/y.dat', 'yy');
    site.setFile('o/r', 'top.txt', 't');
    const { body, headers } = await getJson(`${site.apiUrl}/repos/o/r/git/trees/master?recursive=1`);
    expect(body['sha']).toBe(site.treeSha('o/r'));
    expect(body['truncated']).toBe(false);
    const tree = body['tree'] as { path: string; type: string; sha: string; size?: number; mode: string }[];
    expect(tree.map((e) => `${e.type} ${e.path}`)).toEqual([
      'tree dats',
      'tree dats/sub',
      'blob dats/sub/y.dat',
      'blob dats/x.dat',
      'blob top.txt',
    ]);
    expect(tree.find((e) => e.path === 'dats/x.dat')).toMatchObject({
      mode: '100644',
      size: 1,
      sha: gitObjectSha('blob', Buffer.from('x')),
    });
    expect(headers.get('x-ratelimit-remaining')).toBe('59');

    const dats = tree.find((e) => e.path === 'dats')!;
    const level = await getJson(`${site.apiUrl}/repos/o/r/git/trees/${dats.sha}`);
    expect((level.body['tree'] as { path: string }[]).map((e) => e.path)).toEqual(['sub', 'x.dat']);

    site.truncateTreesAfter(2);
    const cut = await getJson(`${site.apiUrl}/repos/o/r/git/trees/master?recursive=1`);
    expect(cut.body['truncated']).toBe(true);
    expect(cut.body['tree']).toHaveLength(2);

    expect((await getJson(`${site.apiUrl}/repos/o/r/git/trees/nope`)).status).toBe(404);
    expect((await getJson(`${site.apiUrl}/repos/o/missing/git/trees/master`)).status).toBe(404);
  });

  it('serves raw files by encoded path, corrupted on request, and follows changes', async () => {
    site.setFile('o/r', 'metadat/no-intro/Atari - 7800 (A, B).dat', 'one');
    const url = `${site.rawUrl}/o/r/master/metadat/no-intro/Atari%20-%207800%20(A%2C%20B).dat`;
    expect(await (await fetch(url)).text()).toBe('one');
    site.corruptRaw('o/r', 'metadat/no-intro/Atari - 7800 (A, B).dat', Buffer.from('evil'));
    expect(await (await fetch(url)).text()).toBe('evil');
    site.corruptRaw('o/r', 'metadat/no-intro/Atari - 7800 (A, B).dat', undefined);
    site.removeFile('o/r', 'metadat/no-intro/Atari - 7800 (A, B).dat');
    expect((await fetch(url)).status).toBe(404);
  });

  it('publishes releases with assets, digests and a redirected download', async () => {
    expect((await getJson(`${site.apiUrl}/repos/mamedev/mame/releases/latest`)).status).toBe(404);
    const zip = await mameReleaseZip('0.289');
    site.setRelease('mamedev/mame', { tag: 'mame0289', assets: [{ name: 'mame0289lx.zip', bytes: zip }] });
    const { body } = await getJson(`${site.apiUrl}/repos/mamedev/mame/releases/latest`);
    expect(body['tag_name']).toBe('mame0289');
    const asset = (body['assets'] as Record<string, unknown>[])[0]!;
    expect(asset).toMatchObject({
      name: 'mame0289lx.zip',
      size: zip.length,
      digest: `sha256:${createHash('sha256').update(zip).digest('hex')}`,
    });
    const download = await fetch(String(asset['browser_download_url']));
    expect(download.redirected).toBe(true);
    expect(Buffer.from(await download.arrayBuffer()).equals(zip)).toBe(true);
    expect(mirror.requests.map((r) => r.status)).toEqual([404, 200, 302, 200]);
    site.corruptAsset('mamedev/mame', 'mame0289lx.zip', Buffer.from('bad'));
    expect(await (await fetch(String(asset['browser_download_url']))).text()).toBe('bad');
  });

  it('answers 403 with a spent allowance, or 429 with Retry-After, when rate limited', async () => {
    site.setFile('o/r', 'a.dat', 'a');
    site.rateLimit(true);
    const limited = await getJson(`${site.apiUrl}/repos/o/r/git/trees/master`);
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(String(limited.body['message'])).toMatch(/^API rate limit exceeded/);
    site.rateLimit('secondary');
    const secondary = await getJson(`${site.apiUrl}/repos/o/r/git/trees/master`);
    expect([secondary.status, secondary.headers.get('retry-after')]).toEqual([429, '60']);
    site.rateLimit(false);
    expect((await getJson(`${site.apiUrl}/repos/o/r/git/trees/master`)).status).toBe(200);
  });

  it('publishes the shared fixtures and a MAME ListXML zip holding one mameNNNN.xml', async () => {
    const published = await publishGitHubFixtures(site, fixtures);
    expect(published.fbneo).toHaveLength(2);
    expect(published.libretro).toContain('metadat/tosec/Atari - 7800.dat');
    const { body } = await getJson(`${site.apiUrl}/repos/mamedev/mame/releases/latest`);
    const asset = (body['assets'] as { name: string; browser_download_url: string }[]).find((a) =>
      /^mame\d+lx\.zip$/.test(a.name),
    )!;
    const zip = Buffer.from(await (await fetch(asset.browser_download_url)).arrayBuffer());
    // One local file header at the start, one central directory entry: read their names.
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const firstName = zip.subarray(30, 30 + zip.readUInt16LE(26)).toString();
    const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const entries = [firstName, zip.readUInt16LE(eocd + 10)];
    expect(entries).toEqual(['mame0289.xml', 1]);
    expect(mameListXml('0.289')).toContain('<mame build="0.289 (mame0289)"');
  });
});
