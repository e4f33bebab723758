import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyFault, type Fault, type FaultRule } from './faults.js';

/** One request as the mirror saw it: tests assert what a run transferred. */
export interface LoggedRequest {
  method: string;
  /** Path and query, without the site prefix stripped. */
  url: string;
  headers: http.IncomingHttpHeaders;
  status?: number;
  /** Body bytes sent back. */
  bytes: number;
}

/**
 * A site handles requests under its prefix (`/github-api`, `/tosec`, …). `url.pathname` is
 * relative to the prefix. Return false to fall through to a 404.
 */
export type SiteHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

export interface Mirror {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: LoggedRequest[];
  /** Serve `handler` under `prefix` (e.g. "/tosec"): `${mirror.url}/tosec/...`. */
  mount(prefix: string, handler: SiteHandler): void;
  /** Make matching requests misbehave (server errors, hangs, resets, truncation). */
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  clearRequests(): void;
  /** Requests whose path starts with this prefix. */
  requestsTo(prefix: string): LoggedRequest[];
  close(): Promise<void>;
}

export async function startMirror(options: { host?: string; port?: number } = {}): Promise<Mirror> {
  const sites: { prefix: string; handler: SiteHandler }[] = [];
  const requests: LoggedRequest[] = [];
  let faults: FaultRule[] = [];

  const server = http.createServer((req, res) => {
    const logged: LoggedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, bytes: 0 };
    requests.push(logged);
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const count = (chunk: unknown) => {
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) logged.bytes += Buffer.byteLength(chunk);
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      count(chunk);
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') count(chunk);
      return (end as (...args: unknown[]) => http.ServerResponse)(chunk, ...rest);
    }) as typeof res.end;
    res.on('finish', () => {
      logged.status = res.statusCode;
    });

    const fault = takeFault(faults, req);
    if (fault !== undefined && applyFault(fault, req, res)) return;

    void dispatch(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`mirror error: ${(error as Error).message}`);
    });
  });

  async function dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const full = new URL(req.url ?? '/', 'http://mirror.invalid');
    // Longest prefix first, so "/github-api" and "/github-raw" never shadow each other.
    for (const site of [...sites].sort((a, b) => b.prefix.length - a.prefix.length)) {
      if (full.pathname === site.prefix || full.pathname.startsWith(`${site.prefix}/`)) {
        const local = new URL(full.pathname.slice(site.prefix.length) || '/', 'http://mirror.invalid');
        local.search = full.search;
        if (await site.handler(req, res, local)) return;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;

  return {
    url,
    requests,
    mount(prefix, handler) {
      sites.push({ prefix: prefix.replace(/\/$/, ''), handler });
    },
    addFault(rule) {
      faults.push({ ...rule });
    },
    clearFaults() {
      faults = [];
    },
    clearRequests() {
      requests.length = 0;
    },
    requestsTo(prefix) {
      return requests.filter((r) => r.url.startsWith(prefix));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function takeFault(faults: FaultRule[], req: http.IncomingMessage): Fault | undefined {
  const path = req.url ?? '/';
  for (const rule of faults) {
    const matches = typeof rule.path === 'string' ? path.startsWith(rule.path) : rule.path.test(path);
    if (!matches || (rule.method !== undefined && rule.method !== req.method)) continue;
    if (rule.times !== undefined) {
      if (rule.times <= 0) continue;
      rule.times -= 1;
    }
    return rule.fault;
  }
  return undefined;
}
