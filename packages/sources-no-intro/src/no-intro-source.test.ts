import fs from 'node:fs/promises';
import path from 'node:path';
import {
  ConfigError,
  NetworkError,
  NotAvailableError,
  UpstreamChangedError,
  type FetchContext,
  type LedgerEntry,
  type RemoteVersion,
  type SourceRunContext,
} from '@rommer/core';
import { makeSourceContext, type SourceTestContext } from '@rommer/core/testing';
import { listFilesRecursive } from '@rommer/core/files';
import { defaultPackSystems, makeLovePack, mountDatomatic, startMirror, type DatomaticSite, type Mirror } from '@rommer/mirror';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema, type NoIntroConfig } from './config.js';
import { noIntroSource } from './index.js';

let mirror: Mirror;
let site: DatomaticSite & { url: string; mirrorPackUrl: string };
let kit: SourceTestContext<NoIntroConfig>;
let tmp: string;
let warnings: string[];

beforeEach(async () => {
  mirror = await startMirror();
  site = mountDatomatic(mirror, { date: '2026-11-20' });
  kit = await makeSourceContext(configSchema, { url: site.url, step_delay: 0 }, { retries: 0 });
  tmp = kit.root;
  warnings = [];
});
afterEach(async () => {
  await mirror.close();
  await kit.cleanup();
});

/** The kit's context with this test's `[sources.no-intro]` table, warning into a list a test may reset. */
function runContext(config: Record<string, unknown> = {}, extra: Partial<SourceRunContext<NoIntroConfig>> = {}): SourceRunContext<NoIntroConfig> {
  return {
    ...kit.ctx,
    config: configSchema.parse({ url: site.url, step_delay: 0, ...config }),
    warn: (message) => warnings.push(message),
    ...extra,
  };
}

async function fetchContext(ctx: SourceRunContext<NoIntroConfig>, remote: RemoteVersion, current = path.join(tmp, 'current')): Promise<FetchContext<NoIntroConfig>> {
  const stagingDir = await fs.mkdtemp(path.join(tmp, 'staging-'));
  const workDir = await fs.mkdtemp(path.join(tmp, 'work-'));
  return { ...ctx, remote, stagingDir, currentDir: current, workDir, cacheDir: path.join(tmp, 'cache') };
}

const siteRequests = () => mirror.requestsTo('/datomatic/').map((r) => `${r.method} ${r.url.replace(/download=\w+/, 'download=ID')}`);

describe('no-intro source, mode = "datomatic"', () => {
  it('checks with one GET of profile.xml, then downloads the daily pack through the form flow, pressing only the visible button', async () => {
    const ctx = runContext();
    const remote = await noIntroSource.check(ctx);
    expect(remote).toMatchObject({ version: 'unknown', upToDate: false, url: `${site.url}/profile.xml` });
    expect(siteRequests()).toEqual(['GET /datomatic/profile.xml']); // a dry run posts nothing, nor opens the form

    const fctx = await fetchContext(ctx, remote);
    const result = await noIntroSource.fetch(fctx);
    expect(siteRequests()).toEqual([
      'GET /datomatic/profile.xml',
      'GET /datomatic/index.php?page=download&op=daily',
      'POST /datomatic/index.php?page=download&op=daily',
      'GET /datomatic/index.php?page=manager&download=ID',
      'POST /datomatic/index.php?page=manager&download=ID',
    ]);
    expect(site.stats).toMatchObject({ prepared: 1, downloads: 1, decoysPressed: 0, refused: [] });
    expect(result.version).toBe('2026-11-20');
    expect(result.files).toEqual(await listFilesRecursive(fctx.stagingDir));
    expect(result.files).toEqual([
      'No-Intro/Nintendo - Game Boy (20261120-093512).dat',
      'No-Intro/Nintendo - Game Boy Advance (20261120-101010).dat',
      'No-Intro/Sega - Mega Drive - Genesis (20261120-070000).dat',
      'Non-Redump/Non-Redump - Sony - PlayStation (20261120-120000).dat',
      'Unofficial/Unofficial - Nintendo - Game Boy (Translations) (20261120-130000).dat',
    ]);
    expect(result.state).toMatchObject({
      via: 'datomatic',
      pack: 'No-Intro Love Pack (Standard DAT) (2026-11-20).zip',
      profile: { 'Nintendo - Game Boy': '20261120-093512', 'Nintendo - Game Boy (Aftermarket)': '20261120-140000' },
    });
    expect(result.transferredBytes).toBeGreaterThan(1000);
    // The form went with its own defaults: the sets ticked on the page, nothing else.
    expect(site.stats.lastChoices).toEqual({ 'DAT type': 'standard', Main: 'Ok', Unofficial: 'Ok', 'Non-Redump': 'Ok' });
  });

  it('falls back to the daily page, with a warning, when profile.xml is missing or changed shape', async () => {
    site.set({ showsDate: true, profile: 'missing' });
    expect(await noIntroSource.check(runContext())).toMatchObject({ version: '2026-11-20', url: `${site.url}/index.php?page=download&op=daily` });
    expect(warnings).toEqual([
      `no-intro: profile.xml could not be used (GET ${site.url}/profile.xml: HTTP 404 Not Found); checking the daily page instead`,
    ]);
    site.set({ profile: 'changed' });
    expect((await noIntroSource.check(runContext())).upToDate).toBeUndefined();
    expect(warnings[1]).toBe(
      `no-intro: profile.xml could not be used (${site.url}/profile.xml is not a clrmamepro profile list (no <clrmamepro> root)); checking the daily page instead`,
    );
    expect(siteRequests()).toEqual([
      'GET /datomatic/profile.xml',
      'GET /datomatic/index.php?page=download&op=daily',
      'GET /datomatic/profile.xml',
      'GET /datomatic/index.php?page=download&op=daily',
    ]);
  });

  it('ticks optional sets named in include by their label and warns about names it cannot find', async () => {
    const ctx = runContext({ include: ['Aftermarket', 'nonsense'] });
    const result = await noIntroSource.fetch(await fetchContext(ctx, await noIntroSource.check(ctx)));
    expect(site.stats.lastChoices['Aftermarket']).toBe('Ok');
    expect(result.files).toContain('Aftermarket/Nintendo - Game Boy (Aftermarket) (20261120-140000).dat');
    expect(result.warnings).toEqual([expect.stringMatching(/^no-intro: include "nonsense" matches no option of the daily form \(main, aftermarket/)]);
  });

  it('works whatever the fields are called: two runs with different names, and with fixed names', async () => {
    for (const renameFields of [true, true, false]) {
      site.set({ renameFields });
      const ctx = runContext();
      const result = await noIntroSource.fetch(await fetchContext(ctx, await noIntroSource.check(ctx)));
      expect(result.files).toHaveLength(5);
    }
    expect(site.stats).toMatchObject({ downloads: 3, decoysPressed: 0 });
  });

  it('fetches on its own when the check left no session behind', async () => {
    const ctx = runContext();
    const result = await noIntroSource.fetch(await fetchContext(ctx, { version: 'unknown' }));
    expect(result.version).toBe('2026-11-20');
  });

  it('stops with one line naming the alternatives and a cool-down when downloads are suspended', async () => {
    site.set({ suspended: 'Downloads are temporarily suspended due to excessive traffic.' });
    const ctx = runContext();
    const fctx = await fetchContext(ctx, await noIntroSource.check(ctx));
    const error = await noIntroSource.fetch(fctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^no-intro: DAT-o-MATIC refuses downloads \("Downloads are temporarily suspended due to excessive traffic\."\); next try after \d{4}-\d\d-\d\d \d\d:\d\d UTC \(--force: now\); meanwhile use --from-file PACK\.zip/,
    );
    expect(message).not.toContain('\n');
    const coolDown = (error as NetworkError).ledgerState?.['coolDown'] as { at: number; until: number; reason: string };
    expect(coolDown.until - coolDown.at).toBe(24 * 3600);
    expect(coolDown.reason).toBe('refuses downloads ("Downloads are temporarily suspended due to excessive traffic.")');
    expect(siteRequests().filter((r) => r.startsWith('POST'))).toHaveLength(0);
    expect(await listFilesRecursive(fctx.stagingDir)).toEqual([]);
  });

  it.each([
    ['a throttle page', { suspended: 'You have been temporarily throttled. Please come back later.' }, /"You have been temporarily throttled\."/],
    ['an outage page', { suspended: 'Our services may be down for maintenance.' }, /"Our services may be down for maintenance\."/],
    ['a captcha', { captcha: true }, /\("the site asks for a captcha"\)/],
  ] as const)('treats %s as a refusal: one line, a cool-down, no form posted', async (_what, options, said) => {
    site.set(options);
    const ctx = runContext();
    const error = await noIntroSource.fetch(await fetchContext(ctx, await noIntroSource.check(ctx))).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(said);
    expect((error as NetworkError).ledgerState).toMatchObject({ coolDown: { reason: expect.any(String) } });
    expect(siteRequests().filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('during a cool-down asks nothing of the site (skipped, naming when it ends) unless --force', async () => {
    const at = Math.floor(Date.now() / 1000) - 3600;
    const held = {
      source: 'no-intro',
      version: '2026-11-19',
      lastUpdated: at - 86_400,
      url: null,
      lastChecked: at,
      lastError: 'refused',
      state: { systems: {}, coolDown: { at, until: at + 86_400, reason: 'refuses downloads ("throttled")' } },
    };
    const error = await noIntroSource.check(runContext({}, { held })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAvailableError);
    expect((error as Error).message).toMatch(
      /^no-intro: DAT-o-MATIC refuses downloads \("throttled"\) at \d{4}-\d\d-\d\d \d\d:\d\d UTC; next try after \d{4}-\d\d-\d\d \d\d:\d\d UTC \(--force: now\); meanwhile use --from-file PACK\.zip/,
    );
    expect(siteRequests()).toEqual([]);
    await noIntroSource.check(runContext({}, { held, force: true }));
    expect(siteRequests()).toEqual(['GET /datomatic/profile.xml']);
  });

  it('reports a refused form post (HTTP 403, as for a request without the session) once, without retrying', async () => {
    mirror.addFault({ path: '/datomatic/index.php?page=download', method: 'POST', fault: { kind: 'status', status: 403, body: 'Forbidden' } });
    const ctx = runContext();
    const error = await noIntroSource.fetch(await fetchContext(ctx, await noIntroSource.check(ctx))).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^no-intro: DAT-o-MATIC answered HTTP 403; next try after .* UTC \(--force: now\); meanwhile use --from-file PACK\.zip \(saved from a browser\) or mode = "mirror"$/,
    );
    expect(siteRequests().filter((r) => r.startsWith('POST'))).toHaveLength(1);
  });

  it('says the site changed when the daily page has no pack form', async () => {
    mirror.addFault({ path: '/datomatic/index.php', fault: { kind: 'html', body: '<html><body><form method="post"><input type="submit" value="Go"></form></body></html>' } });
    const ctx = runContext();
    const error = await noIntroSource.fetch(await fetchContext(ctx, await noIntroSource.check(ctx))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamChangedError);
    expect((error as Error).message).toMatch(/^no-intro: DAT-o-MATIC shows no daily-pack form rommer recognises; the site changed/);
  });

  it('replaces each system’s older DAT and records which systems changed', async () => {
    const current = path.join(tmp, 'current');
    await fs.mkdir(path.join(current, 'No-Intro'), { recursive: true });
    await fs.writeFile(path.join(current, 'No-Intro', 'Nintendo - Game Boy (20261001-000000).dat'), 'old');
    const ctx = runContext();
    const fctx = await fetchContext(ctx, await noIntroSource.check(ctx), current);
    const result = await noIntroSource.fetch(fctx);
    expect(result.files.filter((f) => f.startsWith('No-Intro/Nintendo - Game Boy ('))).toEqual(['No-Intro/Nintendo - Game Boy (20261120-093512).dat']);
    expect((result.state as { changedSystems: string[] }).changedSystems).toContain('No-Intro/Nintendo - Game Boy');
  });
});

describe('no-intro source, mode = "mirror"', () => {
  it('knows the date from a HEAD and downloads the pack', async () => {
    const ctx = runContext({ mode: 'mirror', mirror_url: site.mirrorPackUrl });
    const remote = await noIntroSource.check(ctx);
    expect(remote).toMatchObject({ version: '2026-11-20', url: site.mirrorPackUrl });
    expect(remote.totalBytes).toBeGreaterThan(1000);
    expect(site.stats.downloads).toBe(0);
    const result = await noIntroSource.fetch(await fetchContext(ctx, remote));
    expect(result).toMatchObject({ version: '2026-11-20', state: { via: 'mirror' } });
    expect(result.files).toHaveLength(5);
    expect(site.stats.prepared).toBe(0);
  });

  it('needs mirror_url', async () => {
    await expect(noIntroSource.check(runContext({ mode: 'mirror' }))).rejects.toBeInstanceOf(ConfigError);
  });

  it('fails clearly when the mirror has no such pack', async () => {
    const ctx = runContext({ mode: 'mirror', mirror_url: `${site.url}/mirror/none.zip` });
    await expect(noIntroSource.check(ctx)).rejects.toThrow(/^no-intro: the mirror has no pack at .*none\.zip \(HTTP 404\)/);
  });
});

describe('no-intro source, --from-file', () => {
  it('takes a pack the user downloaded, dated by its name or by its DATs, without touching the network', async () => {
    const pack = await makeLovePack({ date: '2026-11-18' });
    const file = path.join(tmp, `${pack.name.replace('.zip', '')} (1).zip`);
    await fs.writeFile(file, pack.data);
    const ctx = runContext({}, { fromFile: file });
    const remote = await noIntroSource.check(ctx);
    expect(remote.version).toBe('2026-11-18');
    const result = await noIntroSource.fetch(await fetchContext(ctx, remote));
    expect(result).toMatchObject({ version: '2026-11-18', transferredBytes: 0, state: { via: 'file' } });
    expect(result.files).toHaveLength(5);
    const renamed = path.join(tmp, 'download.zip');
    await fs.copyFile(file, renamed);
    expect((await noIntroSource.check(runContext({}, { fromFile: renamed }))).version).toBe('2026-11-18');
    expect(mirror.requests).toEqual([]);
  });

  it('rejects a saved web page with one line', async () => {
    const file = path.join(tmp, 'pack.zip');
    await fs.writeFile(file, '<!DOCTYPE html><html><body>DAT-o-MATIC</body></html>');
    await expect(noIntroSource.check(runContext({}, { fromFile: file }))).rejects.toThrow(/^no-intro: --from-file .*pack\.zip: expected a zip or 7z archive but got an HTML page/);
  });
});

describe('no-intro source, knowing what changed from profile.xml', () => {
  /** One update as the orchestrator runs it: check, then (unless up to date) fetch and commit. */
  async function update(held: LedgerEntry | undefined) {
    const ctx = runContext({}, { held });
    const remote = await noIntroSource.check(ctx);
    if (remote.upToDate === true) return { remote, held };
    const fctx = await fetchContext(ctx, remote);
    const result = await noIntroSource.fetch(fctx);
    const current = path.join(tmp, 'current');
    await fs.rm(current, { recursive: true, force: true });
    await fs.cp(fctx.stagingDir, current, { recursive: true });
    const next: LedgerEntry = { source: 'no-intro', version: result.version!, lastUpdated: 1, url: null, lastChecked: 1, lastError: null, state: result.state! };
    return { remote, result, held: next };
  }
  const posts = () => siteRequests().filter((r) => r.startsWith('POST'));

  it('sends no POST and transfers no pack when nothing changed; names the one system that did, old → new', async () => {
    const first = await update(undefined);
    expect(posts()).toHaveLength(2);
    mirror.clearRequests();

    const second = await update(first.held);
    expect(second.remote).toMatchObject({ version: '2026-11-20', upToDate: true, changes: [] });
    expect(siteRequests()).toEqual(['GET /datomatic/profile.xml']);
    expect(mirror.requests.reduce((n, r) => n + (r.url.includes('manager') ? 1 : 0), 0)).toBe(0);

    // One DAT changes upstream (and in tomorrow's pack).
    site.set({
      date: '2026-11-21',
      systems: defaultPackSystems('2026-11-20').map((x) => (x.system === 'Nintendo - Game Boy' ? { ...x, stamp: '20261121-080000', games: 4 } : x)),
    });
    mirror.clearRequests();
    const third = await update(first.held);
    expect(third.remote).toMatchObject({
      version: '2026-11-21',
      upToDate: false,
      changes: [{ item: 'Nintendo - Game Boy', from: '20261120-093512', to: '20261121-080000' }],
    });
    expect(posts()).toHaveLength(2);
    expect(site.stats.downloads).toBe(2);
    expect(third.result!.changed).toEqual(['No-Intro/Nintendo - Game Boy (20261121-080000).dat']);
    expect(third.result!.state).toMatchObject({ changedSystems: ['No-Intro/Nintendo - Game Boy'], profile: { 'Nintendo - Game Boy': '20261121-080000' } });
  });

  it('asks for a DAT the daily pack still lags behind on once per daily pack, not every run', async () => {
    const first = await update(undefined);
    // profile.xml already lists a newer Game Boy DAT; today's pack still carries the old one.
    const newer = defaultPackSystems('2026-11-20').map((x) => (x.system === 'Nintendo - Game Boy' ? { ...x, stamp: '20261120-180000' } : x));
    const packOnly = defaultPackSystems('2026-11-20');
    site.set({ systems: newer });
    const ctx = runContext({}, { held: first.held });
    const remote = await noIntroSource.check(ctx);
    expect(remote.changes).toEqual([{ item: 'Nintendo - Game Boy', from: '20261120-093512', to: '20261120-180000' }]);
    site.set({ systems: packOnly });
    const fctx = await fetchContext(ctx, remote);
    const lagged = await noIntroSource.fetch(fctx);
    expect(lagged.state).toMatchObject({ lagging: ['Nintendo - Game Boy'], profile: { 'Nintendo - Game Boy': '20261120-093512' } });
    // The same day, the profile still says newer: not asked again, with a warning.
    site.set({ systems: newer });
    warnings = [];
    const held: LedgerEntry = { ...first.held!, state: lagged.state! };
    const again = await noIntroSource.check(runContext({}, { held }));
    expect(again.upToDate).toBe(true);
    expect(warnings).toEqual(["no-intro: today's daily pack did not carry the newest Nintendo - Game Boy yet; asked again with tomorrow's"]);
    // Another day: asked again.
    const tomorrow = await noIntroSource.check(runContext({}, { held: { ...held, state: { ...lagged.state!, packDay: '2000-01-01' } } }));
    expect(tomorrow.changes).toEqual([{ item: 'Nintendo - Game Boy', from: '20261120-093512', to: '20261120-180000' }]);
  });
});

describe('no-intro source, DAT-o-MATIC unreachable', () => {
  it('fails with one line naming the alternatives', async () => {
    const closed = await startMirror();
    const url = closed.url;
    await closed.close();
    const error = await noIntroSource.check(runContext({ url })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(
      /^no-intro: DAT-o-MATIC could not be reached \(GET http:\/\/127\.0\.0\.1:\d+\/index\.php: connection refused\)\. Instead: use --from-file PACK\.zip/,
    );
  });

  it('says the pack was not delivered when the download button is answered with an error', async () => {
    mirror.addFault({ path: /page=manager/, method: 'POST', fault: { kind: 'status', status: 503 } });
    const ctx = runContext();
    const error = await noIntroSource.fetch(await fetchContext(ctx, await noIntroSource.check(ctx))).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^no-intro: DAT-o-MATIC did not deliver the pack \(POST http:\/\/127\.0\.0\.1:\d+\/datomatic\/index\.php: HTTP 503 Service Unavailable\); next try after/,
    );
    expect(siteRequests().filter((r) => r.startsWith('POST'))).toHaveLength(2); // sent once, not retried
  });
});
