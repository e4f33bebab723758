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

  describe('redirects like a browser', () => {
    /** What the server received, hop by hop: method, path, body, content type and cookies. */
    const seen: { method: string; url: string; body: string; type: string; cookie: string }[] = [];
    const recordAnd = (respond: Handler): Handler => (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          body: Buffer.concat(chunks).toString(),
          type: String(req.headers['content-type'] ?? ''),
          cookie: String(req.headers.cookie ?? ''),
        });
        respond(req, res);
      });
    };
    beforeEach(() => {
      seen.length = 0;
    });

    it.each([301, 302, 303])('turns a POST answered %i into a GET without a body', async (status) => {
      handler = recordAnd((req, res) => {
        if (req.url === '/login') res.writeHead(status, { location: '/index.php' }).end();
        else if (req.method === 'GET') res.end('welcome');
        else res.writeHead(404).end();
      });
      const response = await client().request(`${base}/login`, { method: 'POST', form: { user: 'u', password: 'p' } });
      expect(response.body).toBe('welcome');
      expect(response.url).toBe(`${base}/index.php`);
      expect(seen).toEqual([
        { method: 'POST', url: '/login', body: 'user=u&password=p', type: 'application/x-www-form-urlencoded', cookie: '' },
        { method: 'GET', url: '/index.php', body: '', type: '', cookie: '' },
      ]);
    });

    it.each([307, 308])('keeps the method and body on %i', async (status) => {
      handler = recordAnd((req, res) => {
        if (req.url === '/old') res.writeHead(status, { location: '/new' }).end();
        else res.end(req.method);
      });
      expect((await client().request(`${base}/old`, { method: 'POST', form: { a: '1' } })).body).toBe('POST');
      expect(seen.map((s) => `${s.method} ${s.url} ${s.body}`)).toEqual(['POST /old a=1', 'POST /new a=1']);
    });

    it('turns a POST download answered 302 into a GET of the target', async () => {
      handler = recordAnd((req, res) => {
        if (req.url === '/prepare') res.writeHead(302, { location: '/file.zip' }).end();
        else if (req.method === 'GET') res.writeHead(200, { 'content-length': payload.length }).end(payload);
        else res.writeHead(405).end();
      });
      const result = await client().download(`${base}/prepare`, path.join(dir, 'f.zip'), { method: 'POST', form: { go: '1' } });
      expect(result.bytes).toBe(payload.length);
      expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /prepare', 'GET /file.zip']);
    });

    it('sends the cookies a redirect set to its target, and drops the ones it expired', async () => {
      handler = recordAnd((req, res) => {
        if (req.url === '/login') {
          res.writeHead(302, { location: '/step', 'set-cookie': ['sid=new; Path=/', 'old=; Path=/; Max-Age=0'] }).end();
        } else if (req.url === '/step') res.writeHead(303, { location: '/home', 'set-cookie': 'u=2; Path=/' }).end();
        else res.end('home');
      });
      const jar = new CookieJar();
      await jar.setCookie('old=stale; Path=/', base);
      await client({ cookieJar: jar }).request(`${base}/login`, { method: 'POST', form: { a: '1' } });
      expect(seen.map((s) => `${s.method} ${s.url} [${s.cookie}]`)).toEqual([
        'POST /login [old=stale]',
        'GET /step [sid=new]',
        'GET /home [sid=new; u=2]',
      ]);
    });

    it('accepts a redirect back to the same URL once a cookie changed (a cookie check)', async () => {
      handler = recordAnd((req, res) => {
        if (String(req.headers.cookie ?? '').includes('ok=1')) res.end('in');
        else res.writeHead(302, { location: '/page', 'set-cookie': 'ok=1; Path=/' }).end();
      });
      expect((await client({ cookieJar: new CookieJar() }).getText(`${base}/page`)).body).toBe('in');
      expect(seen).toHaveLength(2);
    });

    it('fails a redirect loop at once, in one line, without retrying', async () => {
      handler = recordAnd((req, res) => res.writeHead(302, { location: req.url?.startsWith('/a') === true ? '/b' : '/a' }).end());
      const error = await client().getText(`${base}/a?token=secret`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as Error).message).toBe(`GET ${base}/a: redirect loop (back to GET ${base}/b)`);
      expect(seen.map((s) => s.url)).toEqual(['/a?token=secret', '/b', '/a']);
    });

    it('fails after 10 hops with a one-line error naming the last target', async () => {
      handler = recordAnd((req, res) => {
        const n = Number(/\d+/.exec(req.url ?? '')?.[0] ?? 0);
        res.writeHead(302, { location: `/hop${n + 1}` }).end();
      });
      const error = await client().getText(`${base}/hop0`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as Error).message).toBe(`GET ${base}/hop0: more than 10 redirects (the last to ${base}/hop10)`);
      expect(seen).toHaveLength(11);
    });

    it('leaves a redirect alone when asked not to follow it', async () => {
      handler = recordAnd((_req, res) => res.writeHead(302, { location: '/elsewhere' }).end());
      const response = await client().request(`${base}/form`, { method: 'POST', form: { a: '1' }, followRedirect: false });
      expect(response.status).toBe(302);
      expect(seen).toHaveLength(1);
    });
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
