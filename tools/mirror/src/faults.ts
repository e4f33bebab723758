import type http from 'node:http';

/**
 * Ways the mirror can misbehave for a matching request. Body-level faults (truncate, reset) are
 * applied by wrapping the response, so the site's own handler still produces the real body.
 */
export type Fault =
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'html'; body?: string }
  /** Announce the full Content-Length, send only this many bytes, then close. */
  | { kind: 'truncate'; afterBytes: number }
  /** Send this many body bytes, then reset the connection. */
  | { kind: 'reset-mid-body'; afterBytes: number };

export interface FaultRule {
  /** A path prefix (including the site prefix) or a pattern. */
  path: string | RegExp;
  method?: string;
  /** How many requests it hits; unlimited when absent. */
  times?: number;
  fault: Fault;
}

/** Returns true when the fault answered the request itself. */
export function applyFault(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  switch (fault.kind) {
    case 'status':
      res.writeHead(fault.status, { 'content-type': 'text/plain' }).end(fault.body ?? `mirror fault ${fault.status}`);
      return true;
    case 'hang':
      // Never answer; the client's timeout must fire. The socket closes with the server.
      req.socket.setTimeout(0);
      return true;
    case 'reset':
      req.socket.destroy();
      return true;
    case 'html':
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(fault.body ?? '<!DOCTYPE html><html><head><title>Error</title></head><body><p>Please log in.</p></body></html>');
      return true;
    case 'truncate':
    case 'reset-mid-body':
      cutBody(res, fault.afterBytes);
      return false;
  }
}

/** Lets the handler write normally but stops the body after `limit` bytes and drops the connection. */
function cutBody(res: http.ServerResponse, limit: number): void {
  let sent = 0;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const cut = (chunk: unknown): boolean => {
    if (sent >= limit) return false;
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.alloc(0);
    const part = buffer.subarray(0, limit - sent);
    sent += part.length;
    if (part.length > 0) write(part);
    if (sent >= limit) {
      res.socket?.end(() => res.socket?.destroy());
      return false;
    }
    return true;
  };
  res.write = ((chunk: unknown) => cut(chunk)) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    if (chunk !== undefined && typeof chunk !== 'function') cut(chunk);
    if (sent < limit) res.socket?.end();
    return res;
  }) as typeof res.end;
}
