import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMirror, type Mirror } from './server.js';

let mirror: Mirror;
const body = 'x'.repeat(10_000);

beforeEach(async () => {
  mirror = await startMirror();
  mirror.mount('/site', (_req, res, url) => {
    if (url.pathname !== '/file') return false;
    res.writeHead(200, { 'content-length': body.length }).end(body);
    return true;
  });
  mirror.mount('/site-two', (_req, res) => {
    res.end('two');
    return true;
  });
});
afterEach(() => mirror.close());

describe('startMirror', () => {
  it('routes by longest prefix, logs requests and answers 404 otherwise', async () => {
    expect(await (await fetch(`${mirror.url}/site/file`)).text()).toBe(body);
    expect(await (await fetch(`${mirror.url}/site-two/anything`)).text()).toBe('two');
    expect((await fetch(`${mirror.url}/site/nothing`)).status).toBe(404);
    expect(mirror.requests.map((r) => [r.url, r.status, r.bytes])).toEqual([
      ['/site/file', 200, body.length],
      ['/site-two/anything', 200, 3],
      ['/site/nothing', 404, 9],
    ]);
    expect(mirror.requestsTo('/site/')).toHaveLength(2);
  });

  it('injects a status fault a given number of times', async () => {
    mirror.addFault({ path: '/site/file', times: 1, fault: { kind: 'status', status: 500 } });
    expect((await fetch(`${mirror.url}/site/file`)).status).toBe(500);
    expect((await fetch(`${mirror.url}/site/file`)).status).toBe(200);
  });

  it('truncates a body below its Content-Length', async () => {
    mirror.addFault({ path: '/site/file', fault: { kind: 'truncate', afterBytes: 100 } });
    const response = await fetch(`${mirror.url}/site/file`);
    expect(response.headers.get('content-length')).toBe(String(body.length));
    await expect(response.text()).rejects.toThrow();
  });
});
