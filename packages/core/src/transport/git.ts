import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GitError, simpleGit, type SimpleGit, type SimpleGitProgressEvent } from 'simple-git';
import { CancelledError, NetworkError, UpstreamChangedError } from '../errors.js';

export interface GitOptions {
  signal?: AbortSignal;
  /** Milliseconds without output from git before it is stopped. */
  timeoutMs?: number;
  onProgress?: (event: { stage: string; progress: number; processed: number; total: number }) => void;
}

/** A local path becomes a file:// URL, so `--depth` is honoured (git ignores it for plain paths). */
export function toGitUrl(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[\w.-]+@[\w.-]+:/.test(url)) return url;
  return pathToFileURL(path.resolve(url)).href;
}

function git(baseDir: string | undefined, options: GitOptions): SimpleGit {
  return simpleGit({
    ...(baseDir !== undefined ? { baseDir } : {}),
    ...(options.signal !== undefined ? { abort: options.signal } : {}),
    timeout: { block: options.timeoutMs ?? 120_000 },
    ...(options.onProgress !== undefined
      ? { progress: (e: SimpleGitProgressEvent) => options.onProgress?.({ stage: e.stage, progress: e.progress, processed: e.processed, total: e.total }) }
      : {}),
    // Never stop to ask for a username: a script must fail, not hang.
    allowEnvironment: ['GIT_TERMINAL_PROMPT'],
  }).env(gitEnvironment());
}

/** What git needs from the environment (simple-git refuses editor/pager variables, rightly). */
const passedThrough = /^(PATH|HOME|LANG|LC_\w+|TMPDIR|SSL_CERT_(FILE|DIR)|(http|https|no|all)_proxy|(HTTP|HTTPS|NO|ALL)_PROXY)$/;

function gitEnvironment(): Record<string, string> {
  const env: Record<string, string> = { GIT_TERMINAL_PROMPT: '0' };
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && passedThrough.test(key)) env[key] = value;
  }
  return env;
}

/** One line from git's complaint ("fatal: repository '…' not found" → "repository '…' not found"). */
function gitFailure(error: unknown, what: string, options: GitOptions): Error {
  if (options.signal?.aborted === true) return new CancelledError('cancelled', { cause: error });
  const text = error instanceof Error ? error.message : String(error);
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /^(fatal|error):/.test(l))
      ?.replace(/^(fatal|error):\s*/, '') ?? text.split('\n')[0]?.trim() ?? 'git failed';
  const reason = /timed? ?out|block timeout/i.test(text) ? 'timed out' : line;
  return new NetworkError(`${what}: ${reason}`, { cause: error instanceof GitError ? error : undefined });
}

/** The commit a remote ref points at, by `git ls-remote` (no download). */
export async function gitRemoteHead(url: string, ref: string | undefined, options: GitOptions = {}): Promise<string> {
  const remote = toGitUrl(url);
  let out: string;
  try {
    out = await git(undefined, options).listRemote([remote, ref ?? 'HEAD']);
  } catch (error) {
    throw gitFailure(error, `git ls-remote ${url}`, options);
  }
  const lines = out.split('\n').filter((l) => l.trim() !== '');
  // Prefer an exact branch or tag; a peeled tag (^{}) names the commit itself.
  const pick =
    lines.find((l) => ref !== undefined && l.endsWith(`refs/tags/${ref}^{}`)) ??
    lines.find((l) => ref === undefined || l.endsWith(`refs/heads/${ref}`) || l.endsWith(`refs/tags/${ref}`)) ??
    lines[0];
  const sha = pick?.split(/\s+/)[0];
  if (sha === undefined || !/^[0-9a-f]{40,64}$/.test(sha)) {
    throw new UpstreamChangedError(`git ls-remote ${url}: no ${ref ?? 'HEAD'} ref on the remote`);
  }
  return sha;
}

async function isRepoOf(dir: string, url: string, options: GitOptions): Promise<boolean> {
  try {
    await fs.access(path.join(dir, '.git'));
    const remotes = await git(dir, options).getRemotes(true);
    return remotes.some((r) => r.name === 'origin' && r.refs.fetch === url);
  } catch {
    return false;
  }
}

/**
 * Keeps a shallow clone of `url` at `dir` current: the first time `git clone --depth 1`, then
 * `git fetch --depth 1` + `git reset --hard`. A clone that cannot be updated (corrupt after a
 * killed run, another remote) is replaced by a fresh clone. Returns the checked-out commit.
 */
export async function syncShallowClone(
  url: string,
  dir: string,
  ref: string | undefined,
  options: GitOptions = {},
): Promise<string> {
  const remote = toGitUrl(url);
  if (await isRepoOf(dir, remote, options)) {
    try {
      const repo = git(dir, options);
      await repo.fetch(['--depth', '1', '--no-tags', 'origin', ref ?? 'HEAD']);
      await repo.reset(['--hard', 'FETCH_HEAD']);
      await repo.clean('f', ['-d', '-x']);
      return (await repo.revparse(['HEAD'])).trim();
    } catch (error) {
      if (options.signal?.aborted === true) throw gitFailure(error, `git fetch ${url}`, options);
      // Fall through to a fresh clone.
    }
  }
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(path.dirname(dir), { recursive: true });
  try {
    await git(undefined, options).clone(remote, dir, ['--depth', '1', '--no-tags', ...(ref !== undefined ? ['--branch', ref] : [])]);
    return (await git(dir, options).revparse(['HEAD'])).trim();
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw gitFailure(error, `git clone ${url}`, options);
  }
}
