import { HTTPError, MaxRedirectsError, RequestError, TimeoutError } from 'got';
import { CancelledError, NetworkError } from '../errors.js';

/** Status codes worth another try: the server or a proxy was briefly unwell. */
export const transientStatuses = [408, 425, 429, 500, 502, 503, 504];

const transientCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_GOT_REQUEST_ERROR',
  'ERR_TRUNCATED_BODY',
]);

/** The URL as users may see it: no credentials, no query string (it can carry tokens or ids). */
export function displayUrl(url: string | URL): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return String(url);
  }
}

export function isTransient(error: unknown): boolean {
  if (error instanceof HTTPError) return transientStatuses.includes(error.response.statusCode);
  if (error instanceof NetworkError) return error.status === undefined ? true : transientStatuses.includes(error.status);
  const code = (error as { code?: string }).code;
  return error instanceof TimeoutError || (code !== undefined && transientCodes.has(code));
}

/** Turns got's errors into one-line NetworkErrors ("GET https://host/path: HTTP 503 Service Unavailable"). */
export function toNetworkError(error: unknown, method: string, url: string, signal?: AbortSignal): Error {
  if (signal?.aborted === true) return new CancelledError('cancelled', { cause: error });
  if (error instanceof NetworkError || error instanceof CancelledError) return error;
  const where = `${method} ${displayUrl(url)}`;
  if (error instanceof HTTPError) {
    const { statusCode, statusMessage } = error.response;
    return new NetworkError(`${where}: HTTP ${statusCode}${statusMessage ? ` ${statusMessage}` : ''}`, {
      cause: error,
      status: statusCode,
    });
  }
  if (error instanceof TimeoutError) {
    return new NetworkError(`${where}: timed out (${error.event})`, { cause: error });
  }
  if (error instanceof MaxRedirectsError) {
    const last = error.request?.redirectUrls.at(-1);
    return new NetworkError(
      `${where}: more than ${error.request?.options.maxRedirects ?? 10} redirects${last !== undefined ? ` (the last to ${displayUrl(last)})` : ''}`,
      { cause: error },
    );
  }
  if (error instanceof RequestError) {
    const code = error.code;
    const reason =
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ECONNRESET'
          ? 'connection reset'
          : code === 'ENOTFOUND'
            ? 'host not found'
            : (error.message.split('\n')[0] ?? code);
    return new NetworkError(`${where}: ${reason}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError(`${where}: ${message.split('\n')[0]}`, { cause: error });
}
