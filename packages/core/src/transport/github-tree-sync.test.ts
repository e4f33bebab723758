import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultsSchema } from '../config/schema.js';
import { CancelledError, UpstreamChangedError } from '../errors.js';
import type { LedgerEntry } from '../ports.js';
import type { FetchContext, RemoteVersion } from '../source.js';
import { gitBlobSha1OfBytes } from './github-blob.js';
import { checkGitHubTree, fetchGitHubTree, listTreeFiles, type TreeSyncOptions } from './github-tree-sync.js';
import { GitHubClient } from './github.js';
import { HttpClient } from './http-client.js';

// A tiny stand-in for GitHub's tree and raw endpoints (core may not use tools/mirror): files in a
// map, blob shas computed for real, a flag to truncate recursive answers and one to corrupt raw bytes.
const files = new Map<string, Buffer>();
let truncateRecursive = false;
let corrupt: string | undefined;
let hang: string | undefined;
/** A raw file sent in two halves: the second only once `release` resolves. */
let stall: { path: string; release: Promise<void> } | undefined;
const requests: string[] = [];
let server: http.Server;
let base: string;
let dir: string;

const fakeSha = (text: string) => createHash('sha1').update(text).digest('hex');

/** Entries directly below `folder` ('' = root), as a non-recursive tree call lists them. */
function level(folder: string) {
  const entries = new Map<string, { path: string; mode: string; type: string; sha: string; size?: number }>();
  for (const [p, bytes] of files) {
    if (folder !== '' && !p.startsWith(`${folder}/`)) continue;
    const rest = folder === '' ? p : p.slice(folder.length + 1);
    const [name, ...deeper] = rest.split('/');
    if (deeper.length === 0)
      entries.set(name!, {
        path: name!,
        mode: '100644',
        type: 'blob',
        sha: gitBlobSha1OfBytes(bytes),
        size: bytes.length,
      });
    else
      entries.set(name!, {
        path: name!,
        mode: '040000',
        type: 'tree',
        sha: fakeSha(`tree:${folder === '' ? name : `${folder}/${name}`}`),
      });
  }
  return [...entries.values()];
}
function folderOf(treeish: string): string | undefined {
  if (treeish === 'master' || treeish === fakeSha('root')) return '';
  for (const p of files.keys()) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i += 1)
      if (fakeSha(`tree:${parts.slice(0, i).join('/')}`) === treeish) return parts.slice(0, i).join('/');
  }
  return undefined;
}
function recursive(folder: string) {
  const out: ReturnType<typeof level> = [];
  for (const entry of level(folder)) {
    out.push(entry);
    if (entry.type === 'tree') {
      for (const child of recursive(folder === '' ? entry.path : `${folder}/${entry.path}`))
        out.push({ ...child, path: `${entry.path}/${child.path}` });
    }
  }
  return out;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    requests.push(decodeURIComponent(url.pathname) + url.search);
    const tree = /^\/api\/repos\/o\/r\/git\/trees\/([^/]+)$/.exec(url.pathname);
    if (tree) {
      const folder = folderOf(decodeURIComponent(tree[1]!));
      if (folder === undefined) return void res.writeHead(404).end('{"message":"Not Found"}');
      const isRecursive = url.searchParams.get('recursive') === '1';
      const truncated = isRecursive && truncateRecursive && folder === '';
      const entries = isRecursive ? recursive(folder) : level(folder);
      const body = {
        sha: folder === '' ? fakeSha('root') : tree[1],
        url: 'x',
        tree: truncated ? entries.slice(0, 1) : entries,
        truncated,
      };
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
    const raw = /^\/raw\/o\/r\/master\/(.+)$/.exec(url.pathname);
    const bytes = raw ? files.get(decodeURIComponent(raw[1]!)) : undefined;
    if (bytes === undefined) return void res.writeHead(404).end('404: Not Found');
    if (hang === decodeURIComponent(raw![1]!)) return; // never answers: only a cancel ends the wait
    if (stall?.path === decodeURIComponent(raw![1]!)) {
      const half = bytes.length >> 1;
      res.writeHead(200, { 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, half));
      void stall.release.then(() => res.end(bytes.subarray(half)));
      return;
    }
    res.end(corrupt === decodeURIComponent(raw![1]!) ? Buffer.concat([bytes, Buffer.from('!')]) : bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(async () => {
  files.clear();
  files.set('dats/A game (USA, Europe).dat', Buffer.from('<datafile>a</datafile>\n'));
  files.set('dats/B.dat', Buffer.from('<datafile>b</datafile>\n'));
  files.set('dats/README.md', Buffer.from('not a DAT'));
  files.set('metadat/no-intro/B.dat', Buffer.from('clrmamepro ( name "B" )\n'));
  files.set('src/main.c', Buffer.from('int main;'));
  truncateRecursive = false;
  corrupt = undefined;
  hang = undefined;
  stall = undefined;
  requests.length = 0;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-tree-'));
});
afterEach(async () => {
  server.closeAllConnections();
  await fs.rm(dir, { recursive: true, force: true });
});

const options: TreeSyncOptions = {
  repo: 'o/r',
  ref: 'master',
  paths: ['dats', 'metadat/no-intro/', 'metadat/gone'],
};

function context(held: LedgerEntry | undefined, run: number) {
  const warnings: string[] = [];
  const ctx = {
    config: {},
    defaults: defaultsSchema.parse({ github_api: `${base}/api`, github_raw: `${base}/raw` }),
    held,
    signal: new AbortController().signal,
    progress: () => {},
    warn: (m: string) => warnings.push(m),
    env: {},
    configFile: null,
    http: new HttpClient({ retries: 0, timeoutMs: 2000 }),
    stagingDir: path.join(dir, `staging-${run}`),
    currentDir: path.join(dir, 'current'),
    workDir: path.join(dir, 'work'),
    cacheDir: path.join(dir, 'cache'),
    remote: undefined as unknown as RemoteVersion,
  } satisfies FetchContext<unknown>;
  return { ctx, warnings };
}

/** check + fetch + "commit" (staging becomes current), as the orchestrator does. */
async function update(held: LedgerEntry | undefined, run: number) {
  const { ctx, warnings } = context(held, run);
  await fs.mkdir(ctx.stagingDir, { recursive: true });
  const remote = await checkGitHubTree(ctx, 'fbneo', options);
  const result = await fetchGitHubTree({ ...ctx, remote }, 'fbneo', options);
  await fs.rm(ctx.currentDir, { recursive: true, force: true });
  await fs.rename(ctx.stagingDir, ctx.currentDir);
  const entry: LedgerEntry = {
    source: 'fbneo',
    version: result.version ?? remote.version,
    lastUpdated: 0,
    url: null,
    lastChecked: null,
    state: result.state ?? null,
    lastError: null,
  };
  return { remote, result, entry, warnings };
}

describe('listTreeFiles', () => {
  it('keeps DATs under the configured folders and names folders the repository lacks', async () => {
    const gh = new GitHubClient({
      http: new HttpClient(),
      apiBase: `${base}/api`,
      rawBase: `${base}/raw`,
      label: 'fbneo',
    });
    const listing = await listTreeFiles(gh, options);
    expect(listing.files.map((f) => f.path)).toEqual([
      'dats/A game (USA, Europe).dat',
      'dats/B.dat',
      'metadat/no-intro/B.dat',
    ]);
    expect(listing.files[1]).toMatchObject({ sha: gitBlobSha1OfBytes(files.get('dats/B.dat')!), size: 23 });
    expect(listing.missingPaths).toEqual(['metadat/gone']);
    expect(listing.calls).toBe(1);
  });

  it('walks folder by folder when the recursive answer is truncated', async () => {
    truncateRecursive = true;
    const gh = new GitHubClient({
      http: new HttpClient(),
      apiBase: `${base}/api`,
      rawBase: `${base}/raw`,
      label: 'fbneo',
    });
    const listing = await listTreeFiles(gh, options);
    expect(listing.files.map((f) => f.path)).toEqual([
      'dats/A game (USA, Europe).dat',
      'dats/B.dat',
      'metadat/no-intro/B.dat',
    ]);
    expect(listing.missingPaths).toEqual(['metadat/gone']);
    expect(listing.calls).toBeGreaterThan(1);
  });
});

describe('checkGitHubTree + fetchGitHubTree', () => {
  it('downloads everything once, then nothing, then only what changed; deletions disappear', async () => {
    const first = await update(undefined, 1);
    expect(first.remote.upToDate).toBe(false);
    expect(first.result.files).toHaveLength(3);
    expect(first.result.changed).toHaveLength(3);
    expect(first.warnings).toEqual(['fbneo: "metadat/gone" is not in o/r@master; skipped']);
    expect(await fs.readFile(path.join(dir, 'current/dats/A game (USA, Europe).dat'), 'utf8')).toBe(
      '<datafile>a</datafile>\n',
    );

    requests.length = 0;
    const { ctx } = context(first.entry, 2);
    const again = await checkGitHubTree(ctx, 'fbneo', options);
    expect(again.upToDate).toBe(true);
    expect(again.files).toEqual([]);
    expect(requests).toEqual(['/api/repos/o/r/git/trees/master?recursive=1']);

    files.set('dats/B.dat', Buffer.from('<datafile>b2</datafile>\n'));
    files.delete('metadat/no-intro/B.dat');
    requests.length = 0;
    const third = await update(first.entry, 3);
    expect(third.remote.upToDate).toBe(false);
    expect(third.remote.files?.map((f) => f.path)).toEqual(['dats/B.dat']);
    expect(third.result.changed).toEqual(['dats/B.dat']);
    expect(third.result.files).toEqual(['dats/A game (USA, Europe).dat', 'dats/B.dat']);
    expect(requests.filter((r) => r.startsWith('/raw/'))).toEqual(['/raw/o/r/master/dats/B.dat']);
    await expect(fs.access(path.join(dir, 'current/metadat/no-intro/B.dat'))).rejects.toThrow();
  });

  it('rejects a download whose blob sha does not match, naming the file', async () => {
    corrupt = 'dats/B.dat';
    const { ctx } = context(undefined, 1);
    await fs.mkdir(ctx.stagingDir, { recursive: true });
    const remote = await checkGitHubTree(ctx, 'fbneo', options);
    const error = await fetchGitHubTree({ ...ctx, remote }, 'fbneo', options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamChangedError);
    expect((error as Error).message).toMatch(
      /^fbneo: dats\/B\.dat: the download does not match its git blob sha [0-9a-f]{12}/,
    );
    await expect(fs.access(path.join(ctx.stagingDir, 'dats/B.dat'))).rejects.toThrow();
  });

  it('reports bytes while a file downloads, not only when it is done', async () => {
    const big = Buffer.alloc(512 * 1024, 'x');
    files.set('dats/Big.dat', big);
    let release!: () => void;
    stall = { path: 'dats/Big.dat', release: new Promise<void>((resolve) => (release = resolve)) };
    const events: { bytes: number; items: number; item: string }[] = [];
    let sawHalf!: () => void;
    const halfSeen = new Promise<void>((resolve) => (sawHalf = resolve));
    const { ctx } = context(undefined, 1);
    const sizes = new Map([...files].map(([p, b]) => [p, b.length]));
    const doneBefore = ['dats/A game (USA, Europe).dat', 'dats/B.dat'].reduce((sum, p) => sum + sizes.get(p)!, 0);
    const progressCtx = {
      ...ctx,
      progress: (p: { bytes?: number; items?: number; item?: string }) => {
        events.push({ bytes: p.bytes ?? 0, items: p.items ?? 0, item: p.item ?? '' });
        if (p.item === 'dats/Big.dat' && (p.bytes ?? 0) - doneBefore >= big.length >> 1) sawHalf();
      },
    };
    await fs.mkdir(ctx.stagingDir, { recursive: true });
    const serial = { ...options, concurrency: 1 };
    const remote = await checkGitHubTree(ctx, 'fbneo', serial);
    const fetching = fetchGitHubTree({ ...progressCtx, remote }, 'fbneo', serial);
    // Half of Big.dat has arrived and the rest is held back: the bar must already show it.
    // (Without live progress the half is never reported: the held-back download then times out.)
    await Promise.race([halfSeen, fetching.catch(() => undefined)]);
    const before = [...events];
    release();
    await fetching;

    const during = before.filter((e) => e.item === 'dats/Big.dat' && e.items === 2);
    expect(during.length).toBeGreaterThan(0);
    const last = during.at(-1)!;
    expect(last.bytes).toBeGreaterThan(doneBefore);
    expect(last.bytes).toBeLessThan(doneBefore + big.length);
    expect(last.bytes - doneBefore).toBe(big.length >> 1);
    // Bytes only grow, and end at the total the tree lists.
    const total = [...sizes].filter(([p]) => /\.dat$/.test(p)).reduce((sum, [, n]) => sum + n, 0);
    for (let i = 1; i < events.length; i += 1) expect(events[i]!.bytes).toBeGreaterThanOrEqual(events[i - 1]!.bytes);
    expect(events.at(-1)).toMatchObject({ bytes: total, items: 4 });
  });

  it('stops every download when cancelled, and returns only once nothing is writing', async () => {
    hang = 'dats/B.dat';
    const { ctx } = context(undefined, 1);
    await fs.mkdir(ctx.stagingDir, { recursive: true });
    const remote = await checkGitHubTree(ctx, 'fbneo', options);
    const controller = new AbortController();
    const fetching = fetchGitHubTree({ ...ctx, remote, signal: controller.signal }, 'fbneo', options);
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    await expect(fetching).rejects.toBeInstanceOf(CancelledError);
    const left = await fs.readdir(path.join(ctx.stagingDir, 'dats'));
    expect(left.filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('fails plainly when no configured folder holds a DAT', async () => {
    const { ctx } = context(undefined, 1);
    await expect(checkGitHubTree(ctx, 'fbneo', { ...options, paths: ['nothing'] })).rejects.toThrow(
      'fbneo: no DAT files under "nothing" in o/r@master',
    );
  });
});
