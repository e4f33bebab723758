import fs from 'node:fs/promises';
import path from 'node:path';
import { CancelledError, CredentialsError, UpstreamChangedError, type LedgerEntry } from '@rommer/core';
import { resetCredentialWarnings } from '@rommer/core/credentials';
// Tests run the source against the loopback imitation of redump.info; the source itself never imports it.
import { mountRedump, startMirror, type Mirror, type RedumpSite } from '@rommer/mirror';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isFrozenRedumpSite } from './redump-source.js';
import { redumpSource } from './index.js';
import { makeSourceContext } from '@rommer/core/testing';
import { configSchema, type RedumpConfig } from './config.js';

let mirror: Mirror;
let site: RedumpSite;
const cleanups: (() => Promise<void>)[] = [];

// No Secret Service in these tests: passwords come from the environment or the config.
beforeAll(() => {
  // A bus address that cannot exist: never the developer's own keyring, whatever the machine runs.
  process.env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/rommer-test-bus';
  delete process.env['DISPLAY'];
});
beforeEach(async () => {
  mirror = await startMirror();
  site = mountRedump(mirror);
  resetCredentialWarnings();
});
afterEach(async () => {
  await mirror.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function run(config: Partial<RedumpConfig> = {}, held?: LedgerEntry, env: Record<string, string> = {}) {
  const made = await makeSourceContext(configSchema, { url: site.url, forum_url: site.forumUrl, delay: 0, ...config }, { held, env });
  cleanups.push(made.cleanup);
  const remote = await redumpSource.check(made.ctx);
  return { ...made, remote };
}

function ledger(version: string, state: Record<string, unknown> | undefined): LedgerEntry {
  return { source: 'redump', version, lastUpdated: 0, url: null, lastChecked: null, state: state ?? null, lastError: null };
}

/** Moves what a fetch staged into the "current" folder, as the orchestrator's commit would. */
async function commit(stagingDir: string, currentDir: string) {
  await fs.rm(currentDir, { recursive: true, force: true });
  await fs.cp(stagingDir, currentDir, { recursive: true });
  await fs.rm(stagingDir, { recursive: true, force: true });
  await fs.mkdir(stagingDir);
}

describe('redump against the mirror', () => {
  it('downloads every open system and skips the gated one as "login required", not as a corrupt file', async () => {
    const { remote, fetchCtx, warnings } = await run();
    expect(remote.version).toBe('2026-11-20 01-23-45');
    expect(remote.upToDate).toBe(false);
    const fc = fetchCtx(remote);
    const result = await redumpSource.fetch(fc);
    expect(result.files.sort()).toEqual([
      'Sega - Dreamcast - Datfile (2) (2026-11-19 08-30-12).dat',
      'Sega - Saturn - Datfile (2) (2026-11-18 10-00-00).dat',
      'Sony - PlayStation - Datfile (3) (2026-11-20 01-23-45).dat',
    ]);
    expect(warnings).toEqual(['PS3 (Sony - PlayStation 3): skipped (login required)']);
    expect(await fs.readFile(path.join(fc.stagingDir, result.files[2]!), 'utf8')).toContain('<name>Sony - PlayStation</name>');
    expect(mirror.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /redump/downloads/',
      'HEAD /redump/datfile/PSX',
      'HEAD /redump/datfile/SS',
      'HEAD /redump/datfile/DC',
      'HEAD /redump/datfile/PS3',
      'GET /redump/datfile/PSX',
      'GET /redump/datfile/SS',
      'GET /redump/datfile/DC',
    ]);
    expect(result.state).toMatchObject({ systems: { psx: { code: 'PSX', date: '2026-11-20 01-23-45' } } });
  });

  it('is up to date with HEADs only when nothing changed, and downloads only the system that did', async () => {
    const first = await run();
    const fc = first.fetchCtx(first.remote);
    const firstResult = await redumpSource.fetch(fc);
    await commit(fc.stagingDir, fc.currentDir);
    const held = ledger(firstResult.version!, firstResult.state);

    mirror.clearRequests();
    const again = await run({}, held);
    expect(again.remote.upToDate).toBe(true);
    expect(mirror.requests.every((r) => r.method === 'HEAD' || r.url === '/redump/downloads/')).toBe(true);

    site.setDate('SS', '2026-11-22 09-09-09');
    mirror.clearRequests();
    const changed = await run({}, held);
    expect(changed.remote.upToDate).toBe(false);
    const fc2 = { ...changed.fetchCtx(changed.remote), currentDir: fc.currentDir };
    const result = await redumpSource.fetch(fc2);
    expect(result.changed).toEqual(['Sega - Saturn - Datfile (2) (2026-11-22 09-09-09).dat']);
    expect(result.files).toHaveLength(3);
    expect(mirror.requests.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual(['/redump/downloads/', '/redump/datfile/SS']);
    expect(result.version).toBe('2026-11-22 09-09-09');
  });

  it('downloads current systems again with --force instead of copying them', async () => {
    const first = await run();
    const fc = first.fetchCtx(first.remote);
    const firstResult = await redumpSource.fetch(fc);
    await commit(fc.stagingDir, fc.currentDir);
    const held = ledger(firstResult.version!, firstResult.state);
    mirror.clearRequests();
    const again = await run({}, held);
    const forced = await redumpSource.fetch({ ...again.fetchCtx(again.remote), currentDir: fc.currentDir, force: true });
    expect(forced.files).toHaveLength(3);
    expect(mirror.requests.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual([
      '/redump/downloads/',
      '/redump/datfile/PSX',
      '/redump/datfile/SS',
      '/redump/datfile/DC',
    ]);
  });

  it('logs in through the forum form (hidden fields posted back) and downloads the gated system', async () => {
    const { remote, fetchCtx, warnings } = await run({ username: site.account.username }, undefined, {
      ROMMER_REDUMP_PASSWORD: site.account.password,
    });
    const result = await redumpSource.fetch(fetchCtx(remote));
    expect(result.files).toContain('Sony - PlayStation 3 - Datfile (2) (2026-11-21 12-00-00).dat');
    expect(site.logins).toHaveLength(1);
    const posted = site.logins[0]!;
    expect(posted.get('form_token')).toMatch(/^[0-9a-f]{40}$/);
    expect(posted.get('sid')).toMatch(/^[0-9a-f]{32}$/);
    expect(posted.get('creation_time')).toMatch(/^\d+$/);
    expect(posted.get('login')).toBe('Login');
    expect(posted.get('username')).toBe(site.account.username);
    expect(warnings.join('\n')).not.toContain(site.account.password);
    // The login as a browser does it: GET the form, POST it, follow the 302 with a GET carrying the
    // session the POST's answer set, then the gated zip with that session. Nothing else is posted.
    const forum = mirror.requests.filter((r) => r.url.startsWith('/redump-forum') || r.url === '/redump/datfile/PS3');
    expect(forum.map((r) => `${r.method} ${r.url} ${r.status}`)).toEqual([
      'HEAD /redump/datfile/PS3 200',
      'GET /redump-forum/ucp.php?mode=login 200',
      'POST /redump-forum/ucp.php?mode=login 302',
      'GET /redump-forum/index.php 200',
      'HEAD /redump/datfile/PS3 200',
      'GET /redump/datfile/PS3 200',
    ]);
    const sid = (r: (typeof forum)[number]) => /phpbb3_rdmp_sid=(\w+)/.exec(String(r.headers.cookie ?? ''))?.[1];
    expect(sid(forum[2]!)).toBe(posted.get('sid'));
    expect(sid(forum[3]!)).toMatch(/^[0-9a-f]{32}$/);
    expect(sid(forum[3]!)).not.toBe(posted.get('sid'));
    expect(sid(forum[4]!)).toBe(sid(forum[3]!));
    expect(sid(forum[5]!)).toBe(sid(forum[3]!));
    expect(forum[3]!.headers['content-type']).toBeUndefined();
    expect(mirror.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(site.refused).toEqual([]);
  });

  it('reports a wrong password as a failed login, without the password', async () => {
    const makeRun = run({ username: site.account.username, password: 'wrong-secret-123' });
    const error = await makeRun.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toBe(
      'Redump forum login as "tester" failed: You have specified an incorrect password. Please check your password and try again. If you continue to have problems please contact the Board Administrator.',
    );
    expect(JSON.stringify(error)).not.toContain('wrong-secret-123');
    expect(String((error as Error).stack)).not.toContain('wrong-secret-123');
  });

  it('narrows to configured systems, follows old-style links, and waits between downloads', async () => {
    site.layout = 'old';
    const started = Date.now();
    const { remote, fetchCtx, warnings } = await run({ systems: ['psx', 'dc', 'gc'], delay: 0.3 });
    const result = await redumpSource.fetch(fetchCtx(remote));
    expect(result.files).toHaveLength(2);
    expect(warnings).toContain('system "gc" is not on the downloads page; ignored');
    expect(mirror.requests.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual([
      '/redump/downloads/',
      '/redump/datfile/psx/',
      '/redump/datfile/dc/',
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('treats an HTML page where a zip was due as "login required"', async () => {
    mirror.addFault({ path: '/redump/datfile/SS', method: 'GET', fault: { kind: 'html' } });
    const { remote, fetchCtx, warnings } = await run({ systems: ['SS', 'PSX'] });
    const result = await redumpSource.fetch(fetchCtx(remote));
    expect(result.files).toHaveLength(1);
    expect(warnings).toEqual(['SS (Sega - Saturn): skipped (login required)']);
  });

  it('treats a 403 where a zip was due as "login required" too', async () => {
    mirror.addFault({ path: '/redump/datfile/DC', fault: { kind: 'status', status: 403 } });
    const { remote, fetchCtx, warnings } = await run({ systems: ['DC', 'PSX'] });
    expect(remote.files).toEqual([{ path: 'PSX', hash: '2026-11-20 01-23-45' }, { path: 'DC' }]);
    const result = await redumpSource.fetch(fetchCtx(remote));
    expect(result.files).toHaveLength(1);
    expect(warnings).toEqual(['DC (Sega - Dreamcast): skipped (login required)']);
  });

  it('says so when a page still comes after logging in (an account without access)', async () => {
    mirror.addFault({ path: '/redump/datfile/PS3', method: 'GET', fault: { kind: 'html' } });
    const { remote, fetchCtx, warnings } = await run({ systems: ['PS3', 'PSX'], username: site.account.username }, undefined, {
      ROMMER_REDUMP_PASSWORD: site.account.password,
    });
    const result = await redumpSource.fetch(fetchCtx(remote));
    expect(result.files).toEqual(['Sony - PlayStation - Datfile (3) (2026-11-20 01-23-45).dat']);
    expect(warnings).toContain(
      'PS3 (Sony - PlayStation 3): the site answered with a page instead of the zip even after logging in; skipped (does the account have access?)',
    );
    expect(site.logins).toHaveLength(1);
  });

  it('fails with a clear error when every selected system needs a login and none is set', async () => {
    const { remote, fetchCtx } = await run({ systems: ['PS3'] });
    await expect(redumpSource.fetch(fetchCtx(remote))).rejects.toThrow(
      'every selected Redump system needs a login (PS3): set [sources.redump] username and run "rommer login redump"',
    );
  });

  it('retries a transient error and downloads a system whose server refuses HEAD', async () => {
    mirror.addFault({ path: '/redump/datfile/PSX', method: 'HEAD', times: 1, fault: { kind: 'status', status: 503 } });
    mirror.addFault({ path: '/redump/datfile/DC', method: 'HEAD', fault: { kind: 'status', status: 405 } });
    const { remote, fetchCtx } = await run({ systems: ['PSX', 'DC'] });
    expect(remote.files).toEqual([{ path: 'PSX', hash: '2026-11-20 01-23-45' }, { path: 'DC' }]);
    const result = await redumpSource.fetch(fetchCtx(remote));
    expect(result.state).toMatchObject({ systems: { dc: { date: '2026-11-19 08-30-12' } } });
    expect(mirror.requests.filter((r) => r.url === '/redump/datfile/PSX' && r.method === 'HEAD')).toHaveLength(2);
  });

  it('with include = ["bios"] also fetches the BIOS datfiles the page links, dated by Last-Modified, and keeps them when unchanged', async () => {
    const first = await run({ systems: ['PSX'], include: ['bios'] });
    expect(first.remote.files).toEqual([
      { path: 'PSX', hash: '2026-11-20 01-23-45' },
      { path: 'bios/psx', hash: 'Tue, 01 Sep 2026 10:00:00 GMT' },
      { path: 'bios/ps2', hash: 'Wed, 02 Sep 2026 11:00:00 GMT' },
    ]);
    // The release is named by the datfiles' dates, never by a BIOS file time.
    expect(first.remote.version).toBe('2026-11-20 01-23-45');
    const fc = first.fetchCtx(first.remote);
    const result = await redumpSource.fetch(fc);
    expect(result.files).toEqual(['Sony - PlayStation - Datfile (3) (2026-11-20 01-23-45).dat', 'BIOS/psx.dat', 'BIOS/ps2.dat']);
    expect(await fs.readFile(path.join(fc.stagingDir, 'BIOS/psx.dat'), 'utf8')).toContain('<name>Sony - PlayStation - BIOS Images</name>');
    expect(mirror.requests.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual([
      '/redump/downloads/',
      '/redump/datfile/PSX',
      '/redump/static/bios/psx.dat',
      '/redump/static/bios/ps2.dat',
    ]);
    await commit(fc.stagingDir, fc.currentDir);
    const held = ledger(result.version!, result.state);
    site.bios[1]!.modified = 'Thu, 03 Dec 2026 09:00:00 GMT';
    mirror.clearRequests();
    const again = await run({ systems: ['PSX'], include: ['bios'] }, held);
    expect(again.remote.upToDate).toBe(false);
    const next = await redumpSource.fetch({ ...again.fetchCtx(again.remote), currentDir: fc.currentDir });
    expect(next.changed).toEqual(['BIOS/ps2.dat']);
    expect(mirror.requests.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual(['/redump/downloads/', '/redump/static/bios/ps2.dat']);
    // Without include, none is asked for.
    mirror.clearRequests();
    await run({ systems: ['PSX'] });
    expect(mirror.requests.some((r) => r.url.includes('/bios/'))).toBe(false);
  });

  it('warns once that a redump.org url no longer updates', async () => {
    const made = await makeSourceContext(configSchema, { url: 'http://redump.org/', forum_url: site.forumUrl, delay: 0 }, {});
    cleanups.push(made.cleanup);
    // A run already cancelled: the warning comes before any request, and no test reaches the internet.
    const cancelled = new AbortController();
    cancelled.abort();
    const ctx = { ...made.ctx, signal: cancelled.signal };
    await expect(redumpSource.check(ctx)).rejects.toBeInstanceOf(CancelledError);
    await expect(redumpSource.check(ctx)).rejects.toBeInstanceOf(CancelledError);
    expect(isFrozenRedumpSite('https://old.redump.info/downloads/')).toBe(true);
    expect(isFrozenRedumpSite(site.url)).toBe(false);
    expect(made.warnings).toEqual([
      'url http://redump.org/ is redump\'s frozen old site: it no longer updates since redump moved to https://redump.info (2026-06-20); point [sources.redump] url there',
    ]);
  });

  it('says the page layout changed', async () => {
    site.layout = 'changed';
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamChangedError);
    expect((error as Error).message).toBe(`Redump page layout changed: no /datfile/ links found on ${site.url}/downloads/`);
  });
});
