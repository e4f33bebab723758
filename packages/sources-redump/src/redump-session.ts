import { CookieJar, HttpClient } from '@rommer/core/http';
import { getPassword } from '@rommer/core/credentials';
import type { SourceRunContext } from '@rommer/core';
import type { RedumpConfig } from './config.js';
import { loginToForum } from './redump-login.js';

export type LoginState = 'logged-in' | 'no-credentials';

/**
 * One cookie session with redump.info and its forum for a whole update: the login (if any)
 * happens once, when a system first answers with a page instead of a zip.
 */
export class RedumpSession {
  readonly http: HttpClient;
  readonly #ctx: SourceRunContext<RedumpConfig>;
  #login: Promise<LoginState> | undefined;

  constructor(ctx: SourceRunContext<RedumpConfig>) {
    this.#ctx = ctx;
    this.http = new HttpClient({ cookieJar: new CookieJar(), timeoutMs: ctx.http.timeoutMs, retries: ctx.defaults.retries });
  }

  /** True once a login succeeded in this session. */
  get loggedIn(): Promise<boolean> {
    return (this.#login ?? Promise.resolve('no-credentials' as LoginState)).then((state) => state === 'logged-in');
  }

  /** Logs in once; 'no-credentials' when no username or password is set. A wrong password throws CredentialsError. */
  ensureLogin(): Promise<LoginState> {
    this.#login ??= this.#doLogin();
    return this.#login;
  }

  async #doLogin(): Promise<LoginState> {
    const ctx = this.#ctx;
    const username = ctx.config.username;
    if (username === undefined || username === '') return 'no-credentials';
    const found = await getPassword('redump', username, {
      env: ctx.env,
      configPassword: ctx.config.password,
      configFile: ctx.configFile,
      warn: ctx.warn,
    });
    if (found === undefined) {
      ctx.warn(
        `username "${username}" is set but no password was found (run "rommer login redump" or set ROMMER_REDUMP_PASSWORD)`,
      );
      return 'no-credentials';
    }
    await loginToForum(this.http, ctx.config.forum_url, { username, password: found.password }, ctx.signal);
    return 'logged-in';
  }
}
