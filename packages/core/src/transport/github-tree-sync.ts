import fsp from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { z } from 'zod';
import { CancelledError, UpstreamChangedError } from '../errors.js';
import type {
  FetchContext,
  FetchResult,
  RemoteFile,
  RemoteVersion,
  Source,
  SourceInfo,
  SourceRunContext,
} from '../source.js';
import { gitBlobSha1 } from './github-blob.js';
import { GitHubClient, type GitHubTreeEntry } from './github.js';

/** What to mirror from one GitHub repository: some folders (or files) at a ref. */
export interface TreeSyncOptions {
  /** "owner/name" */
  repo: string;
  /** Branch, tag or tree sha. */
  ref: string;
  /** Folders (or single files) to keep, relative to the repository root. */
  paths: string[];
  /** Which files under those folders are DATs (default: `.dat` and `.xml`); READMEs and scripts stay behind. */
  include?: RegExp;
  /** Parallel raw downloads (default 4). */
  concurrency?: number;
}

export interface TreeFile {
  path: string;
  /** The git blob sha the tree API lists: the file's content id. */
  sha: string;
  size: number;
}

export interface TreeListing {
  /** The sha of the tree `ref` points at: the version. */
  treeSha: string;
  /** Selected DAT files, sorted by path. */
  files: TreeFile[];
  /** Configured paths the repository does not have. */
  missingPaths: string[];
  /** API calls made (1 unless the recursive answer was truncated). */
  calls: number;
}

/** What the ledger keeps between updates (`state`). */
export const treeSyncStateSchema = z.object({
  repo: z.string(),
  ref: z.string(),
  tree: z.string(),
  /** path → blob sha of every file held. */
  files: z.record(z.string(), z.string()),
});
export type TreeSyncState = z.output<typeof treeSyncStateSchema>;

const defaultInclude = /\.(dat|xml)$/i;

function normalisePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
}

function under(file: string, folder: string): boolean {
  return folder === '' || file === folder || file.startsWith(`${folder}/`);
}

/** A tree path is written below the staging folder: refuse anything that could leave it. */
function assertSafePath(label: string, p: string): void {
  const segments = p.split('/');
  if (p.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\0'))) {
    throw new UpstreamChangedError(`${label}: the GitHub tree lists an unsafe path "${p}"`);
  }
}

/**
 * Lists the DAT files under the configured paths. One recursive tree call normally; when GitHub
 * truncates it (over 100,000 entries or 7 MB), walks down to each configured folder and lists it
 * alone, splitting further where a subtree is truncated too.
 */
export async function listTreeFiles(gh: GitHubClient, options: TreeSyncOptions): Promise<TreeListing> {
  const include = options.include ?? defaultInclude;
  const wanted = [...new Set(options.paths.map(normalisePath))];
  let calls = 1;
  const root = await gh.tree(options.repo, options.ref, true);
  const blobs = new Map<string, GitHubTreeEntry>();
  const found = new Set<string>();

  const take = (entry: GitHubTreeEntry, fullPath: string) => {
    for (const folder of wanted) {
      if (!under(fullPath, folder)) continue;
      found.add(folder);
      // Only regular files: symlinks (120000) and submodules ("commit") are not DATs.
      if (entry.type === 'blob' && entry.mode.startsWith('100') && include.test(fullPath))
        blobs.set(fullPath, entry);
    }
  };

  if (!root.truncated) {
    for (const entry of root.tree) take(entry, entry.path);
  } else {
    const walk = async (treeSha: string, prefix: string): Promise<void> => {
      calls += 1;
      const sub = await gh.tree(options.repo, treeSha, true);
      if (!sub.truncated) {
        for (const entry of sub.tree) take(entry, `${prefix}${entry.path}`);
        return;
      }
      calls += 1;
      const flat = await gh.tree(options.repo, treeSha, false);
      for (const entry of flat.tree) {
        if (entry.type === 'tree') await walk(entry.sha, `${prefix}${entry.path}/`);
        else take(entry, `${prefix}${entry.path}`);
      }
    };
    const listings = new Map<string, GitHubTreeEntry[]>();
    const children = async (treeSha: string): Promise<GitHubTreeEntry[]> => {
      let entries = listings.get(treeSha);
      if (entries === undefined) {
        calls += 1;
        entries = (await gh.tree(options.repo, treeSha, false)).tree;
        listings.set(treeSha, entries);
      }
      return entries;
    };
    for (const folder of wanted) {
      // Walk from the root to the folder, one level at a time.
      let treeSha = root.sha;
      const parts = folder === '' ? [] : folder.split('/');
      let entry: GitHubTreeEntry | undefined;
      for (const [i, part] of parts.entries()) {
        entry = (await children(treeSha)).find((e) => e.path === part);
        if (entry === undefined || (entry.type !== 'tree' && i < parts.length - 1)) {
          entry = undefined;
          break;
        }
        treeSha = entry.sha;
      }
      if (parts.length > 0 && entry === undefined) continue;
      if (entry !== undefined && entry.type !== 'tree') take(entry, folder);
      else await walk(treeSha, folder === '' ? '' : `${folder}/`);
    }
  }

  const files = [...blobs.entries()]
    .map(([p, e]) => ({ path: p, sha: e.sha, size: e.size ?? 0 }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of files) assertSafePath(gh.label, file.path);
  return { treeSha: root.sha, files, missingPaths: wanted.filter((f) => !found.has(f)), calls };
}

function heldState(ctx: SourceRunContext<unknown>): TreeSyncState | undefined {
  const parsed = treeSyncStateSchema.safeParse(ctx.held?.state);
  return parsed.success ? parsed.data : undefined;
}

function isListing(value: unknown): value is TreeListing {
  const v = value as Partial<TreeListing> | null | undefined;
  return typeof v?.treeSha === 'string' && Array.isArray(v.files) && Array.isArray(v.missingPaths);
}

function checkListing(
  label: string,
  options: TreeSyncOptions,
  listing: TreeListing,
  warn: (message: string) => void,
): void {
  const where = `${options.repo}@${options.ref}`;
  if (listing.files.length === 0) {
    throw new UpstreamChangedError(
      `${label}: no DAT files under ${options.paths.map((p) => `"${normalisePath(p)}"`).join(', ')} in ${where}`,
    );
  }
  for (const missing of listing.missingPaths) warn(`${label}: "${missing}" is not in ${where}; skipped`);
}

/**
 * The cheap check of a tree-synced source: one tree call. The version is the tree sha; the source
 * is up to date when every selected file's blob sha equals the one held (so commits elsewhere in
 * the repository do not cause downloads). `files` lists what a fetch would download.
 */
export async function checkGitHubTree(
  ctx: SourceRunContext<unknown>,
  label: string,
  options: TreeSyncOptions,
): Promise<RemoteVersion> {
  const gh = GitHubClient.fromContext(ctx, label);
  ctx.progress({ phase: 'checking', message: `${options.repo}@${options.ref}` });
  const listing = await listTreeFiles(gh, options);
  checkListing(label, options, listing, ctx.warn);
  const held = heldState(ctx)?.files ?? {};
  const toDownload: RemoteFile[] = listing.files
    .filter((f) => held[f.path] !== f.sha)
    .map((f) => ({ path: f.path, size: f.size, hash: f.sha }));
  const upToDate =
    ctx.held !== undefined && toDownload.length === 0 && Object.keys(held).length === listing.files.length;
  return {
    version: listing.treeSha,
    files: toDownload,
    totalBytes: toDownload.reduce((sum, f) => sum + (f.size ?? 0), 0),
    url: `${gh.apiBase}/repos/${options.repo}/git/trees/${encodeURIComponent(options.ref)}`,
    upToDate,
    details: listing,
  };
}

async function sameBlob(file: string, sha: string, signal: AbortSignal): Promise<boolean> {
  try {
    return (await gitBlobSha1(file, signal)) === sha;
  } catch {
    return false;
  }
}

/**
 * Stages every selected file: a file whose blob sha matches the copy held in `currentDir` is copied
 * from there; the others are downloaded from raw and their blob sha verified. Files deleted upstream
 * are simply not staged, so the commit removes them.
 */
export async function fetchGitHubTree(
  ctx: FetchContext<unknown>,
  label: string,
  options: TreeSyncOptions,
): Promise<FetchResult> {
  const gh = GitHubClient.fromContext(ctx, label);
  const warnings: string[] = [];
  let listing: TreeListing;
  if (isListing(ctx.remote.details)) {
    listing = ctx.remote.details;
  } else {
    listing = await listTreeFiles(gh, options);
    checkListing(label, options, listing, (m) => warnings.push(m));
  }

  // Stop the other downloads as soon as one fails (or the user cancels).
  const stop = new AbortController();
  const signal = AbortSignal.any([ctx.signal, stop.signal]);
  const limit = pLimit(options.concurrency ?? 4);
  const changed: string[] = [];
  let transferredBytes = 0;
  let done = 0;
  let bytesDone = 0;
  // Bytes received so far of each file still downloading, so the bar moves during a multi-MB file.
  const inFlight = new Map<string, number>();
  const totalBytes = listing.files.reduce((sum, f) => sum + f.size, 0);
  const report = (item: string) => {
    let bytes = bytesDone;
    for (const received of inFlight.values()) bytes += received;
    ctx.progress({
      phase: 'downloading',
      items: done,
      totalItems: listing.files.length,
      bytes,
      totalBytes,
      item,
    });
  };

  const stageOne = async (file: TreeFile): Promise<void> => {
    const target = path.join(ctx.stagingDir, ...file.path.split('/'));
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const current = path.join(ctx.currentDir, ...file.path.split('/'));
    if (await sameBlob(current, file.sha, signal)) {
      await fsp.copyFile(current, target);
    } else {
      const url = gh.rawUrl(options.repo, options.ref, file.path);
      const result = await ctx.http.download(url, target, {
        signal,
        // Never past the size the tree lists: a bad body is caught by the blob check below.
        onProgress: ({ bytes }) => {
          inFlight.set(file.path, Math.min(bytes, file.size));
          report(file.path);
        },
      }).finally(() => inFlight.delete(file.path));
      transferredBytes += result.transferredBytes;
      const actual = await gitBlobSha1(target, signal);
      if (actual !== file.sha) {
        await fsp.rm(target, { force: true });
        throw new UpstreamChangedError(
          `${label}: ${file.path}: the download does not match its git blob sha ${file.sha.slice(0, 12)} (got ${actual.slice(0, 12)}); ` +
            'rejected — the branch may have moved meanwhile, run the update again',
        );
      }
      changed.push(file.path);
    }
    done += 1;
    bytesDone += file.size;
    report(file.path);
  };

  report('');
  let firstError: unknown;
  // allSettled, not all: nothing may still be writing into staging when this returns.
  await Promise.allSettled(
    listing.files.map((file) =>
      limit(async () => {
        if (signal.aborted) return;
        try {
          await stageOne(file);
        } catch (error) {
          firstError ??= error;
          stop.abort();
        }
      }),
    ),
  );
  if (ctx.signal.aborted) throw new CancelledError();
  if (firstError !== undefined) throw firstError;

  const state: TreeSyncState = {
    repo: options.repo,
    ref: options.ref,
    tree: listing.treeSha,
    files: Object.fromEntries(listing.files.map((f) => [f.path, f.sha])),
  };
  return {
    files: listing.files.map((f) => f.path),
    changed: changed.sort(),
    state,
    version: listing.treeSha,
    transferredBytes,
    warnings,
  };
}

/** What a GitHub-tree source's `[sources.<id>]` table holds. */
export interface GitHubTreeSourceConfig {
  repo: string;
  ref: string;
  paths: string[];
  url?: string | undefined;
}

/**
 * A source whose DATs are files in a GitHub repository (FBNeo, libretro-database): one tree call
 * tells what changed (blob shas), raw downloads fetch only those files, each verified against its
 * blob sha. Files keep their repository paths under `<data>/dats/<id>/`.
 */
export function githubTreeSource<C extends GitHubTreeSourceConfig & Record<string, unknown>>(
  info: SourceInfo,
  configSchema: z.ZodType<C>,
): Source<C> {
  const options = (config: C): TreeSyncOptions => ({
    repo: config.repo,
    ref: config.ref,
    paths: config.paths,
  });
  return {
    info,
    configSchema,
    check(ctx) {
      if (ctx.config.url !== undefined) {
        ctx.warn(
          `${info.id}: [sources.${info.id}] url is not used; set [defaults] github_api and github_raw to use a mirror`,
        );
      }
      return checkGitHubTree(ctx, info.id, options(ctx.config));
    },
    fetch: (ctx) => fetchGitHubTree(ctx, info.id, options(ctx.config)),
  };
}
