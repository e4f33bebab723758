import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultsSchema } from '../config/schema.js';
import { CredentialsError, UpstreamChangedError } from '../errors.js';
import { gitBlobSha1, gitBlobSha1OfBytes } from './github-blob.js';
import { GitHubClient, GitHubRateLimitError, encodePath } from './github.js';
import { HttpClient } from './http-client.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let handler: Handler;
const seen: http.IncomingMessage[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
});

const secret = 'ghp_thisIsNotARealTokenButSecret123';
const http0 = () => new HttpClient({ retries: 2, retryDelayMs: 5, timeoutMs: 2000 });
function client(env: Record<string, string> = {}, token?: string): GitHubClient {
  const defaults = defaultsSchema.parse({
    github_api: `${base}/api/`,
    github_raw: `${base}/raw`,
    github_token: token,
  });
  return GitHubClient.fromContext({ http: http0(), defaults, env }, 'mame');
}
const json = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(body));

const release = {
  tag_name: 'mame0289',
  name: 'MAME 0.289',
  assets: [
    { name: 'mame0289lx.zip', size: 10, browser_download_url: 'http://x/mame0289lx.zip', digest: null },
  ],
};

describe('GitHubClient', () => {
  it('sends the documented headers, and the token only to the API', async () => {
    handler = (_req, res) => json(res, 200, release);
    const gh = client({ GITHUB_TOKEN: secret });
    expect((await gh.latestRelease('mamedev/mame')).tag_name).toBe('mame0289');
    const req = seen[0]!;
    expect(req.url).toBe('/api/repos/mamedev/mame/releases/latest');
    expect(req.headers['accept']).toBe('application/vnd.github+json');
    expect(req.headers['x-github-api-version']).toBe('2022-11-28');
    expect(req.headers['authorization']).toBe(`Bearer ${secret}`);
    expect(
      gh.rawUrl('libretro/FBNeo', 'master', 'dats/FinalBurn Neo (ClrMame Pro XML, Arcade only).dat'),
    ).toBe(
      `${base}/raw/libretro/FBNeo/master/dats/FinalBurn%20Neo%20(ClrMame%20Pro%20XML%2C%20Arcade%20only).dat`,
    );
  });

  it('prefers [defaults] github_token over GITHUB_TOKEN and sends none when neither is set', async () => {
    handler = (_req, res) => json(res, 200, release);
    await client({ GITHUB_TOKEN: 'from-env' }, 'from-config').latestRelease('a/b');
    await client().latestRelease('a/b');
    expect(seen.map((r) => r.headers['authorization'])).toEqual(['Bearer from-config', undefined]);
  });

  it('explains a spent rate limit with its reset time, once, without retrying or printing the token', async () => {
    const reset = Date.UTC(2026, 10, 23, 21, 45, 0) / 1000;
    handler = (_req, res) =>
      json(
        res,
        403,
        {
          message: 'API rate limit exceeded for 127.0.0.1.',
          documentation_url: 'https://docs.github.com/rest',
        },
        { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      );
    const error = await client({ GITHUB_TOKEN: secret })
      .latestRelease('mamedev/mame')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect((error as Error).message).toMatch(/^mame: GitHub API rate limit reached; resets at 21:45 UTC/);
    expect((error as Error).message).not.toContain(secret);
    expect((error as GitHubRateLimitError).resetsAt?.getTime()).toBe(reset * 1000);
    expect(seen).toHaveLength(1);

    const anonymous = await client()
      .latestRelease('mamedev/mame')
      .catch((e: unknown) => e);
    expect((anonymous as Error).message).toContain('set GITHUB_TOKEN or [defaults] github_token');
  });

  it('treats a 429 with Retry-After (secondary limit) as a rate limit too', async () => {
    handler = (_req, res) =>
      json(res, 429, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '120' });
    const error = await client()
      .tree('a/b', 'master', true)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect(seen).toHaveLength(1);
  });

  it('says a bad token is bad, without showing it', async () => {
    handler = (_req, res) => json(res, 401, { message: 'Bad credentials' });
    const error = await client({ GITHUB_TOKEN: secret })
      .latestRelease('a/b')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toMatch(/GitHub rejected the token/);
    expect((error as Error).message).not.toContain(secret);
  });

  it('names what is missing on a 404 and rejects an unexpected shape', async () => {
    handler = (_req, res) => json(res, 404, { message: 'Not Found' });
    await expect(client().tree('libretro/FBNeo', 'nope', true)).rejects.toThrow(
      /^mame: libretro\/FBNeo has no branch, tag or tree "nope"/,
    );
    handler = (_req, res) => json(res, 200, { tag_name: 'x', assets: 'none' });
    const error = await client()
      .latestRelease('a/b')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamChangedError);
    expect((error as Error).message).toMatch(/unexpected shape at assets/);
  });

  it('retries a passing server error', async () => {
    let calls = 0;
    handler = (_req, res) =>
      ++calls === 1 ? json(res, 502, { message: 'Bad gateway' }) : json(res, 200, release);
    expect((await client().latestRelease('a/b')).tag_name).toBe('mame0289');
    expect(calls).toBe(2);
  });

  it('encodes each path segment', () => {
    expect(encodePath('metadat/no-intro/Atari - 7800 (Hi, there).dat')).toBe(
      'metadat/no-intro/Atari%20-%207800%20(Hi%2C%20there).dat',
    );
  });
});

describe('gitBlobSha1', () => {
  it('equals the ids git gives (empty file, "hello\\n", a file streamed in many chunks)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-blob-'));
    try {
      await fs.writeFile(path.join(dir, 'empty'), '');
      await fs.writeFile(path.join(dir, 'hello'), 'hello\n');
      const big = Buffer.alloc(3 * 1024 * 1024, 7);
      await fs.writeFile(path.join(dir, 'big'), big);
      expect(await gitBlobSha1(path.join(dir, 'empty'))).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
      expect(await gitBlobSha1(path.join(dir, 'hello'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
      expect(await gitBlobSha1(path.join(dir, 'big'))).toBe(gitBlobSha1OfBytes(big));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
