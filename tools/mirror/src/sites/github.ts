import { createHash } from 'node:crypto';
import type http from 'node:http';
import type { Mirror } from '../server.js';

/**
 * An imitation of the three GitHub hosts rommer talks to, stateful so tests can publish changes:
 * - API (`/github-api`): `repos/{o}/{r}/releases/latest` and `repos/{o}/{r}/git/trees/{ref|sha}[?recursive=1]`,
 *   in the documented response shapes, with rate-limit headers and 403 answers on demand;
 * - raw (`/github-raw`): `{o}/{r}/{ref}/{path}`;
 * - release downloads (`/github-dl`): `{o}/{r}/releases/download/{tag}/{name}`, redirected to an object URL
 *   as github.com does.
 * Tree and blob shas are real git object ids, so a client can verify what it downloads.
 */
export interface GitHubSite {
  /** `${mirror.url}/github-api`: the value for `[defaults] github_api`. */
  readonly apiUrl: string;
  /** `${mirror.url}/github-raw`: the value for `[defaults] github_raw`. */
  readonly rawUrl: string;
  /** Adds or replaces a file on a branch (default branch "master"). */
  setFile(repo: string, path: string, bytes: Uint8Array | string, ref?: string): void;
  removeFile(repo: string, path: string, ref?: string): void;
  /** Publishes a release; it becomes `releases/latest`. */
  setRelease(
    repo: string,
    release: { tag: string; name?: string; assets: { name: string; bytes: Uint8Array }[] },
  ): void;
  /**
   * Spends the API allowance: every API call answers 403 with `X-RateLimit-Remaining: 0` (or 429 with
   * `Retry-After` for `"secondary"`) until turned off.
   */
  rateLimit(mode: boolean | 'secondary'): void;
  /** Raw serves these bytes instead of the file's (a blob-sha mismatch); undefined restores. */
  corruptRaw(repo: string, path: string, bytes: Uint8Array | undefined, ref?: string): void;
  /** Release downloads of this asset serve these bytes (the API still lists the real size and digest). */
  corruptAsset(repo: string, name: string, bytes: Uint8Array | undefined): void;
  /** Recursive tree answers list at most this many entries and say `truncated: true`; undefined restores. */
  truncateTreesAfter(entries: number | undefined): void;
  /** The tree sha a branch points at now. */
  treeSha(repo: string, ref?: string): string;
}

export interface GitHubSiteOptions {
  apiPrefix?: string;
  rawPrefix?: string;
  downloadPrefix?: string;
}

interface Release {
  id: number;
  tag: string;
  name: string;
  publishedAt: string;
  assets: { id: number; name: string; bytes: Buffer }[];
}

interface TreeNode {
  sha: string;
  entries: { name: string; mode: string; type: 'blob' | 'tree'; sha: string; size?: number }[];
}

export function gitObjectSha(type: 'blob' | 'tree', content: Uint8Array): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

/** Builds git tree objects for a flat path → bytes map; returns the root sha and every tree by sha. */
function buildTrees(files: Map<string, Buffer>): { root: string; trees: Map<string, TreeNode> } {
  type Dir = { dirs: Map<string, Dir>; files: Map<string, Buffer> };
  const top: Dir = { dirs: new Map(), files: new Map() };
  for (const [path, bytes] of files) {
    const parts = path.split('/');
    let dir = top;
    for (const part of parts.slice(0, -1)) {
      let next = dir.dirs.get(part);
      if (next === undefined) dir.dirs.set(part, (next = { dirs: new Map(), files: new Map() }));
      dir = next;
    }
    dir.files.set(parts.at(-1)!, bytes);
  }
  const trees = new Map<string, TreeNode>();
  const write = (dir: Dir): string => {
    const entries: TreeNode['entries'] = [];
    for (const [name, bytes] of dir.files)
      entries.push({
        name,
        mode: '100644',
        type: 'blob',
        sha: gitObjectSha('blob', bytes),
        size: bytes.length,
      });
    for (const [name, sub] of dir.dirs) entries.push({ name, mode: '040000', type: 'tree', sha: write(sub) });
    // git orders entries by name, a tree's name compared as if it ended in "/".
    const key = (e: TreeNode['entries'][number]) => Buffer.from(e.type === 'tree' ? `${e.name}/` : e.name);
    entries.sort((a, b) => Buffer.compare(key(a), key(b)));
    const body = Buffer.concat(
      entries.flatMap((e) => [
        Buffer.from(`${e.mode === '040000' ? '40000' : e.mode} ${e.name}\0`),
        Buffer.from(e.sha, 'hex'),
      ]),
    );
    const sha = gitObjectSha('tree', body);
    trees.set(sha, { sha, entries });
    return sha;
  };
  return { root: write(top), trees };
}

const docs = 'https://docs.github.com/rest';

export function mountGitHub(mirror: Mirror, options: GitHubSiteOptions = {}): GitHubSite {
  const apiPrefix = options.apiPrefix ?? '/github-api';
  const rawPrefix = options.rawPrefix ?? '/github-raw';
  const dlPrefix = options.downloadPrefix ?? '/github-dl';
  const apiUrl = `${mirror.url}${apiPrefix}`;
  const branches = new Map<string, Map<string, Map<string, Buffer>>>(); // repo → ref → path → bytes
  const corrupted = new Map<string, Buffer>(); // "repo\0ref\0path" → bytes
  const corruptedAssets = new Map<number, Buffer>(); // asset id → bytes
  const releases = new Map<string, Release>();
  let limited: false | true | 'secondary' = false;
  let truncateAfter: number | undefined;
  let nextId = 1000;
  let used = 0;
  const resetAt = () => Math.floor(Date.now() / 1000) + 3600;

  const branch = (repo: string, ref: string, create: boolean) => {
    let refs = branches.get(repo);
    if (refs === undefined && create) branches.set(repo, (refs = new Map()));
    let files = refs?.get(ref);
    if (files === undefined && create) refs!.set(ref, (files = new Map()));
    return files;
  };

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const text = JSON.stringify(body, null, 2);
    res
      .writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(text)),
        ...headers,
      })
      .end(text);
    return true;
  };

  const rateHeaders = (req: http.IncomingMessage, remainingOverride?: number): Record<string, string> => {
    const limit = req.headers['authorization'] !== undefined ? 5000 : 60;
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(remainingOverride ?? Math.max(0, limit - used)),
      'x-ratelimit-reset': String(resetAt()),
      'x-ratelimit-used': String(remainingOverride === 0 ? limit : used),
      'x-ratelimit-resource': 'core',
      'x-github-api-version-selected': '2022-11-28',
    };
  };

  const treeJson = (repo: string, node: TreeNode, trees: Map<string, TreeNode>, recursive: boolean) => {
    const entries: Record<string, unknown>[] = [];
    const add = (n: TreeNode, prefix: string) => {
      for (const e of n.entries) {
        entries.push({
          path: `${prefix}${e.name}`,
          mode: e.mode,
          type: e.type,
          sha: e.sha,
          ...(e.size !== undefined ? { size: e.size } : {}),
          url: `${apiUrl}/repos/${repo}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
        });
        if (recursive && e.type === 'tree') add(trees.get(e.sha)!, `${prefix}${e.name}/`);
      }
    };
    add(node, '');
    const truncated = recursive && truncateAfter !== undefined && entries.length > truncateAfter;
    return {
      sha: node.sha,
      url: `${apiUrl}/repos/${repo}/git/trees/${node.sha}`,
      tree: truncated ? entries.slice(0, truncateAfter) : entries,
      truncated,
    };
  };

  const releaseJson = (repo: string, r: Release) => ({
    url: `${apiUrl}/repos/${repo}/releases/${r.id}`,
    assets_url: `${apiUrl}/repos/${repo}/releases/${r.id}/assets`,
    html_url: `${mirror.url}${dlPrefix}/${repo}/releases/tag/${r.tag}`,
    id: r.id,
    node_id: `RE_${r.id}`,
    tag_name: r.tag,
    target_commitish: 'master',
    name: r.name,
    draft: false,
    prerelease: false,
    created_at: r.publishedAt,
    published_at: r.publishedAt,
    assets: r.assets.map((a) => ({
      url: `${apiUrl}/repos/${repo}/releases/assets/${a.id}`,
      id: a.id,
      node_id: `RA_${a.id}`,
      name: a.name,
      label: '',
      content_type: a.name.endsWith('.zip') ? 'application/x-zip-compressed' : 'application/octet-stream',
      state: 'uploaded',
      size: a.bytes.length,
      digest: `sha256:${createHash('sha256').update(a.bytes).digest('hex')}`,
      download_count: 0,
      created_at: r.publishedAt,
      updated_at: r.publishedAt,
      browser_download_url: `${mirror.url}${dlPrefix}/${repo}/releases/download/${r.tag}/${encodeURIComponent(a.name)}`,
    })),
    tarball_url: `${apiUrl}/repos/${repo}/tarball/${r.tag}`,
    zipball_url: `${apiUrl}/repos/${repo}/zipball/${r.tag}`,
    body: '',
  });

  mirror.mount(apiPrefix, (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (limited === 'secondary') {
      return send(
        res,
        429,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: docs,
        },
        {
          'retry-after': '60',
        },
      );
    }
    if (limited) {
      return send(
        res,
        403,
        {
          message: `API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`,
          documentation_url: `${docs}/overview/resources-in-the-rest-api#rate-limiting`,
        },
        rateHeaders(req, 0),
      );
    }
    used += 1;
    const headers = rateHeaders(req);
    const notFound = () =>
      send(res, 404, { message: 'Not Found', documentation_url: docs, status: '404' }, headers);

    const latest = /^\/repos\/([^/]+\/[^/]+)\/releases\/latest$/.exec(url.pathname);
    if (latest) {
      const release = releases.get(decodeURIComponent(latest[1]!));
      return release === undefined
        ? notFound()
        : send(res, 200, releaseJson(decodeURIComponent(latest[1]!), release), headers);
    }
    const tree = /^\/repos\/([^/]+\/[^/]+)\/git\/trees\/(.+)$/.exec(url.pathname);
    if (tree) {
      const repo = decodeURIComponent(tree[1]!);
      const treeish = decodeURIComponent(tree[2]!);
      const recursive =
        url.searchParams.has('recursive') && !['0', 'false'].includes(url.searchParams.get('recursive')!);
      const refs = branches.get(repo);
      if (refs === undefined) return notFound();
      // A branch name, or the sha of any tree reachable from a branch.
      for (const [ref, files] of refs) {
        const { root, trees } = buildTrees(files);
        const node = ref === treeish ? trees.get(root) : trees.get(treeish);
        if (node !== undefined) return send(res, 200, treeJson(repo, node, trees, recursive), headers);
      }
      return notFound();
    }
    return notFound();
  });

  mirror.mount(rawPrefix, (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
    const [owner, name, ref, ...rest] = parts;
    const repo = `${owner}/${name}`;
    const path = rest.join('/');
    const bytes =
      corrupted.get(`${repo}\0${ref}\0${path}`) ??
      (ref !== undefined ? branch(repo, ref, false)?.get(path) : undefined);
    if (bytes === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404: Not Found');
      return true;
    }
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(bytes.length),
      etag: `"${createHash('sha256').update(bytes).digest('hex')}"`,
      'cache-control': 'max-age=300',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
    return true;
  });

  mirror.mount(dlPrefix, (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const objects = /^\/objects\/(\d+)$/.exec(url.pathname);
    if (objects) {
      const asset = [...releases.values()].flatMap((r) => r.assets).find((a) => a.id === Number(objects[1]));
      if (asset === undefined) return false;
      const bytes = corruptedAssets.get(asset.id) ?? asset.bytes;
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(bytes.length),
        'content-disposition': `attachment; filename=${asset.name}`,
        'accept-ranges': 'bytes',
      });
      res.end(req.method === 'HEAD' ? undefined : bytes);
      return true;
    }
    const download = /^\/([^/]+\/[^/]+)\/releases\/download\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!download) return false;
    const release = releases.get(decodeURIComponent(download[1]!));
    const asset =
      release?.tag === decodeURIComponent(download[2]!)
        ? release.assets.find((a) => a.name === decodeURIComponent(download[3]!))
        : undefined;
    if (asset === undefined) return false;
    // github.com answers a release download with a redirect to its object storage.
    res.writeHead(302, { location: `${mirror.url}${dlPrefix}/objects/${asset.id}` }).end();
    return true;
  });

  return {
    apiUrl,
    rawUrl: `${mirror.url}${rawPrefix}`,
    setFile(repo, path, bytes, ref = 'master') {
      branch(repo, ref, true)!.set(path, Buffer.from(bytes));
    },
    removeFile(repo, path, ref = 'master') {
      branch(repo, ref, false)?.delete(path);
    },
    setRelease(repo, release) {
      nextId += 1;
      releases.set(repo, {
        id: nextId,
        tag: release.tag,
        name: release.name ?? release.tag,
        publishedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        assets: release.assets.map((a) => ({ id: (nextId += 1), name: a.name, bytes: Buffer.from(a.bytes) })),
      });
    },
    rateLimit(mode) {
      limited = mode;
    },
    corruptRaw(repo, path, bytes, ref = 'master') {
      if (bytes === undefined) corrupted.delete(`${repo}\0${ref}\0${path}`);
      else corrupted.set(`${repo}\0${ref}\0${path}`, Buffer.from(bytes));
    },
    corruptAsset(repo, name, bytes) {
      const asset = releases.get(repo)?.assets.find((a) => a.name === name);
      if (asset === undefined) throw new Error(`mirror: ${repo} has no release asset ${name}`);
      if (bytes === undefined) corruptedAssets.delete(asset.id);
      else corruptedAssets.set(asset.id, Buffer.from(bytes));
    },
    truncateTreesAfter(entries) {
      truncateAfter = entries;
    },
    treeSha(repo, ref = 'master') {
      return buildTrees(branch(repo, ref, false) ?? new Map()).root;
    },
  };
}
