import type { Hooks } from 'got';

/** Hops a request may take before it fails, as curl's and most tools' default (browsers allow ~20). */
export const maxRedirects = 10;

/** Thrown (inside got, which wraps it) when a redirect comes back to a request already made. */
export class RedirectLoopError extends Error {
  readonly code = 'ERR_REDIRECT_LOOP';
  constructor(readonly hop: string) {
    super(`redirect loop (back to ${hop})`);
  }
}

/**
 * Redirect handling as a browser does it, for one request (its own memory of the hops):
 * - after a POST, 301/302/303 continue as a GET without a body (got's `methodRewriting` drops the
 *   body; the form's Content-Type goes too), 307/308 keep method and body;
 * - the cookie jar alone decides the Cookie header of every hop (cookies set by a redirect's
 *   answer are sent to its target; a stale header from the previous hop is never repeated);
 * - the same method, URL and cookies twice is a loop: nothing changed, so it would never end.
 *   A redirect that sets a cookie and comes back to the same URL is not one (cookie checks do that).
 */
export function browserRedirectHooks(usesCookieJar: boolean): Partial<Hooks> {
  const seen = new Set<string>();
  return {
    beforeRedirect: [
      (options) => {
        const headers = options.headers as Record<string, string | string[] | undefined>;
        if (options.body === undefined && options.form === undefined && options.json === undefined) {
          delete headers['content-type'];
        }
        if (usesCookieJar) delete headers['cookie'];
      },
    ],
    beforeRequest: [
      (options) => {
        const url = options.url instanceof URL ? options.url : new URL(String(options.url));
        const cookie = String((options.headers as Record<string, unknown>)['cookie'] ?? '');
        const key = `${options.method} ${url.href}\n${cookie}`;
        if (seen.has(key)) throw new RedirectLoopError(`${options.method} ${url.origin}${url.pathname}`);
        seen.add(key);
      },
    ],
  };
}
