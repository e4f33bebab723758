import { z } from 'zod';
import type { ResolvedDefaults } from '../config/schema.js';
import { CredentialsError, NetworkError, UpstreamChangedError } from '../errors.js';
import type { HttpClient, HttpResponseInfo } from './http-client.js';
import { displayUrl } from './http-errors.js';

/** The REST API version rommer was written against (GitHub keeps old versions working). */
export const githubApiVersion = '2022-11-28';

/** GitHub refused the call because the rate limit is spent; `resetsAt` says when it refills. */
export class GitHubRateLimitError extends NetworkError {
  readonly resetsAt: Date | undefined;
  constructor(message: string, options: { status: number; resetsAt?: Date | undefined; cause?: unknown }) {
    super(message, options);
    this.resetsAt = options.resetsAt;
  }
}

const assetSchema = z.looseObject({
  name: z.string(),
  size: z.number(),
  browser_download_url: z.string(),
  content_type: z.string().optional(),
  /** Newer GitHub answers carry "sha256:<hex>"; older assets have null. */
  digest: z.string().nullable().optional(),
});

const releaseSchema = z.looseObject({
  tag_name: z.string().min(1),
  name: z.string().nullable().optional(),
  html_url: z.string().optional(),
  published_at: z.string().nullable().optional(),
  assets: z.array(assetSchema),
});

const treeEntrySchema = z.looseObject({
  path: z.string().min(1),
  mode: z.string(),
  type: z.enum(['blob', 'tree', 'commit']),
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  size: z.number().optional(),
});

const treeSchema = z.looseObject({
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  tree: z.array(treeEntrySchema),
  truncated: z.boolean(),
});

export type GitHubAsset = z.output<typeof assetSchema>;
export type GitHubRelease = z.output<typeof releaseSchema>;
export type GitHubTreeEntry = z.output<typeof treeEntrySchema>;
export type GitHubTree = z.output<typeof treeSchema>;

export interface GitHubClientOptions {
  http: HttpClient;
  /** `[defaults] github_api`, e.g. https://api.github.com */
  apiBase: string;
  /** `[defaults] github_raw`, e.g. https://raw.githubusercontent.com */
  rawBase: string;
  token?: string | undefined;
  /** Prefix of every message (the source id), so errors name who met them. */
  label: string;
  signal?: AbortSignal | undefined;
}

/** Percent-encodes each segment of a slash-separated path (names hold spaces, commas, parentheses). */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function header(info: HttpResponseInfo, name: string): string | undefined {
  const value = info.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function utcClock(date: Date): string {
  return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')} UTC`;
}

/**
 * A small GitHub REST client over rommer's HttpClient: base URLs from `[defaults]`, the token from
 * `github_token` or `GITHUB_TOKEN` (sent to the API only, never to raw or download hosts), and
 * rate-limit answers turned into one plain sentence.
 */
export class GitHubClient {
  readonly #http: HttpClient;
  readonly #token: string | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly apiBase: string;
  readonly rawBase: string;
  readonly label: string;

  constructor(options: GitHubClientOptions) {
    this.#http = options.http;
    this.#token = options.token;
    this.#signal = options.signal;
    this.apiBase = trimSlash(options.apiBase);
    this.rawBase = trimSlash(options.rawBase);
    this.label = options.label;
  }

  /** The client a source uses: `[defaults]` bases, token from config or environment. */
  static fromContext(
    ctx: {
      http: HttpClient;
      defaults: ResolvedDefaults;
      env: Record<string, string | undefined>;
      signal?: AbortSignal;
    },
    label: string,
  ): GitHubClient {
    const token = ctx.defaults.github_token ?? (ctx.env['GITHUB_TOKEN']?.trim() || undefined);
    return new GitHubClient({
      http: ctx.http,
      apiBase: ctx.defaults.github_api,
      rawBase: ctx.defaults.github_raw,
      token,
      label,
      signal: ctx.signal,
    });
  }

  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  /** `{github_raw}/{repo}/{ref}/{path}` with each segment percent-encoded. */
  rawUrl(repo: string, ref: string, path: string): string {
    return `${this.rawBase}/${repo}/${encodePath(ref)}/${encodePath(path)}`;
  }

  /** GET an API path ("/repos/o/r/…"); errors explain rate limits, bad tokens and missing things. */
  async getJson(path: string): Promise<{ data: unknown; info: HttpResponseInfo }> {
    const url = `${this.apiBase}${path}`;
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': githubApiVersion,
    };
    if (this.#token !== undefined) headers['authorization'] = `Bearer ${this.#token}`;
    const options = { headers, ...(this.#signal !== undefined ? { signal: this.#signal } : {}) };
    // The first try sees every status itself: a rate-limit 403/429 must not be retried for an hour.
    let response = await this.#http.request(url, { ...options, allowErrorStatus: true, retry: true });
    if (response.status >= 500 || response.status === 408) {
      // A passing server error: let the transport retry it with backoff (it throws when it gives up).
      response = await this.#http.request(url, options);
    }
    if (response.status >= 400) throw this.#statusError(url, response.status, response);
    try {
      return { data: JSON.parse(response.body) as unknown, info: response };
    } catch (error) {
      throw new UpstreamChangedError(`${this.label}: GitHub API ${displayUrl(url)} did not answer JSON`, {
        cause: error,
      });
    }
  }

  #statusError(url: string, status: number, info: HttpResponseInfo & { body: string }): Error {
    const where = `GET ${displayUrl(url)}`;
    const githubMessage = (() => {
      try {
        const message = (JSON.parse(info.body) as { message?: unknown }).message;
        return typeof message === 'string' ? message : '';
      } catch {
        return '';
      }
    })();
    const remaining = header(info, 'x-ratelimit-remaining');
    const retryAfter = header(info, 'retry-after');
    const rateLimited =
      (status === 403 || status === 429) &&
      (remaining === '0' || retryAfter !== undefined || /rate limit/i.test(githubMessage));
    if (rateLimited) {
      const reset = Number(header(info, 'x-ratelimit-reset'));
      const resetsAt =
        retryAfter !== undefined && /^\d+$/.test(retryAfter)
          ? new Date(Date.now() + Number(retryAfter) * 1000)
          : Number.isFinite(reset) && reset > 0
            ? new Date(reset * 1000)
            : undefined;
      const when = resetsAt !== undefined ? `; resets at ${utcClock(resetsAt)}` : '';
      const advice = this.hasToken
        ? ' — the token in use has spent its allowance too'
        : ' — set GITHUB_TOKEN or [defaults] github_token';
      return new GitHubRateLimitError(
        `${this.label}: GitHub API rate limit reached${when}${advice} (${where}: HTTP ${status})`,
        {
          status,
          resetsAt,
        },
      );
    }
    if (status === 401) {
      return new CredentialsError(
        `${this.label}: GitHub rejected the token (${where}: HTTP 401) — check GITHUB_TOKEN or [defaults] github_token`,
      );
    }
    const detail = githubMessage !== '' ? ` (${githubMessage.split('\n')[0]})` : '';
    return new NetworkError(`${this.label}: ${where}: HTTP ${status}${detail}`, { status });
  }

  /** `GET /repos/{repo}/releases/latest`, checked against the documented shape. */
  async latestRelease(repo: string): Promise<GitHubRelease> {
    const path = `/repos/${repo}/releases/latest`;
    const { data } = await this.#getOr404(
      path,
      `${repo} has no published release (or the repository does not exist)`,
    );
    return this.#parse(releaseSchema, data, path);
  }

  /** `GET /repos/{repo}/git/trees/{treeish}` (recursive on request; the answer may be `truncated`). */
  async tree(repo: string, treeish: string, recursive: boolean): Promise<GitHubTree> {
    const path = `/repos/${repo}/git/trees/${encodePath(treeish)}${recursive ? '?recursive=1' : ''}`;
    const { data } = await this.#getOr404(
      path,
      `${repo} has no branch, tag or tree "${treeish}" (or the repository does not exist)`,
    );
    return this.#parse(treeSchema, data, path);
  }

  async #getOr404(path: string, notFound: string): Promise<{ data: unknown }> {
    try {
      return await this.getJson(path);
    } catch (error) {
      if (error instanceof NetworkError && !(error instanceof GitHubRateLimitError) && error.status === 404) {
        throw new UpstreamChangedError(
          `${this.label}: ${notFound} (GET ${displayUrl(this.apiBase + path)}: HTTP 404)`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  #parse<S extends z.ZodType>(schema: S, data: unknown, path: string): z.output<S> {
    const result = schema.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0];
      const at = issue !== undefined && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      throw new UpstreamChangedError(
        `${this.label}: GitHub API ${path.split('?')[0]} answered an unexpected shape${at}: ${issue?.message ?? 'invalid'}`,
      );
    }
    return result.data;
  }
}
