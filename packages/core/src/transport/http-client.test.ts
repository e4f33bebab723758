import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CookieJar } from 'tough-cookie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError, NetworkError } from '../errors.js';
import { HttpClient } from './http-client.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let handler: Handler = (_req, res) => res.end('ok');
const hits: string[] = [];
let server: http.Server;
let base: string;
let dir: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(async () => {
  hits.length = 0;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rommer-http-'));
});
afterEach(async () => {
  server.closeAllConnections();
  await fs.rm(dir, { recursive: true, force: true });
});

const client = (extra: ConstructorParameters<typeof HttpClient>[0] = {}) =>
  new HttpClient({ retries: 2, retryDelayMs: 5, timeoutMs: 2000, ...extra });

const payload = Buffer.from('0123456789'.repeat(1000));

describe('HttpClient', () => {
  it('sends a User-Agent naming rommer and follows redirects', async () => {
    handler = (req, res) => {
      if (req.url === '/old') {
        res.writeHead(302, { location: '/new' }).end();
        return;
      }
      res.end(String(req.headers['user-agent']));
    };
    const response = await client().getText(`${base}/old`);
    expect(response.body).toMatch(/^rommer\/\d+\.\d+\.\d+ /);
    expect(response.url).toBe(`${base}/new`);
  });

  it('retries a 500 and then succeeds', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(500).end('boom');
      else res.end('fine');
    };
    expect((await client().getText(`${base}/flaky`)).body).toBe('fine');
    expect(calls).toBe(2);
  });

  it('gives up after the configured retries with a one-line error naming the URL', async () => {
    handler = (_req, res) => res.writeHead(503).end();
    const error = await client().getText(`${base}/down?token=secret`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe(`GET ${base}/down: HTTP 503 Service Unavailable`);
    expect(hits).toHaveLength(3);
  });

  it('does not retry a 404 nor a POST', async () => {
    handler = (_req, res) => res.writeHead(404).end();
    await expect(client().getText(`${base}/missing`)).rejects.toThrow('HTTP 404');
    expect(hits).toHaveLength(1);
    handler = (_req, res) => res.writeHead(502).end();
    await expect(client().request(`${base}/form`, { method: 'POST', form: { a: '1' } })).rejects.toThrow('HTTP 502');
    expect(hits).toHaveLength(2);
  });

  it('reports a refused connection', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await client({ retries: 0 }).getText(`http://127.0.0.1:${port}/x`).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`GET http://127.0.0.1:${port}/x: connection refused`);
  });

  it('times out a server that never answers', async () => {
    handler = () => undefined;
    const error = await client({ retries: 0, timeoutMs: 200 }).getText(`${base}/slow`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('timed out');
  });

  it('keeps cookies in a jar across requests', async () => {
    handler = (req, res) => {
      if (req.url === '/login') res.setHeader('set-cookie', 'session=abc; Path=/');
      res.end(String(req.headers.cookie ?? ''));
    };
    const c = client({ cookieJar: new CookieJar() });
    await c.getText(`${base}/login`);
    expect((await c.getText(`${base}/page`)).body).toBe('session=abc');
  });

  it('downloads to the file, names it from Content-Disposition and leaves no .part', async () => {
    handler = (_req, res) => {
      res.writeHead(200, {
        'content-length': payload.length,
        'content-disposition': 'attachment; filename="TOSEC - DAT Pack (2025-03-13).zip"',
      });
      res.end(payload);
    };
    const file = path.join(dir, 'pack.zip');
    const progress: number[] = [];
    const result = await client().download(`${base}/dl`, file, { onProgress: (p) => progress.push(p.bytes) });
    expect(result.filename).toBe('TOSEC - DAT Pack (2025-03-13).zip');
    expect(result.bytes).toBe(payload.length);
    expect(await fs.readFile(file)).toEqual(payload);
    expect(progress.at(-1)).toBe(payload.length);
    expect(await fs.readdir(dir)).toEqual(['pack.zip']);
  });

  it('resumes a truncated download with a Range request', async () => {
    let calls = 0;
    handler = (req, res) => {
      calls += 1;
      const range = /bytes=(\d+)-/.exec(String(req.headers.range ?? ''));
      if (range === null) {
        // Promise everything, send half, then drop the connection.
        res.writeHead(200, { 'content-length': payload.length, 'accept-ranges': 'bytes' });
        res.write(payload.subarray(0, 4000), () => res.destroy());
        return;
      }
      const start = Number(range[1]);
      res.writeHead(206, {
        'content-length': payload.length - start,
        'content-range': `bytes ${start}-${payload.length - 1}/${payload.length}`,
      });
      res.end(payload.subarray(start));
    };
    const file = path.join(dir, 'big.bin');
    const result = await client().download(`${base}/big`, file);
    expect(await fs.readFile(file)).toEqual(payload);
    expect(calls).toBe(2);
    expect(hits[1]).toBe('GET /big');
    // Bytes received just before the reset may not have reached the .part file; they come again.
    expect(result.transferredBytes).toBeGreaterThanOrEqual(payload.length);
    expect(result.transferredBytes).toBeLessThan(payload.length * 2);
  });

  it('fails a body shorter than its Content-Length and removes the partial file', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': payload.length });
      res.write(payload.subarray(0, 100), () => res.destroy());
    };
    const file = path.join(dir, 'short.bin');
    const error = await client({ retries: 1 }).download(`${base}/short`, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('stops when the signal aborts', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const pending = client().download(`${base}/never`, path.join(dir, 'x'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
