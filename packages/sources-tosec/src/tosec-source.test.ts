import fs from 'node:fs/promises';
import path from 'node:path';
import { ArchiveError } from '@rommer/archive';
import { UpstreamChangedError, type LedgerEntry } from '@rommer/core';
// Tests run the source against the loopback imitation of tosecdev.org; the source itself never imports it.
import { mountTosec, startMirror, type Mirror, type TosecSite } from '@rommer/mirror';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSourceContext } from '@rommer/core/testing';
import { configSchema } from './config.js';
import { tosecSource } from './index.js';

let mirror: Mirror;
let site: TosecSite;
const cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  mirror = await startMirror();
  site = mountTosec(mirror);
});
afterEach(async () => {
  await mirror.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function context(held?: LedgerEntry) {
  const made = await makeSourceContext(configSchema, { url: site.downloadsUrl }, { held });
  cleanups.push(made.cleanup);
  return made;
}

describe('tosec against the mirror', () => {
  it('checks the newest dated release with two page reads, following no trap', async () => {
    const { ctx } = await context();
    const remote = await tosecSource.check(ctx);
    expect(remote.version).toBe('2025-03-13');
    expect(remote.url).toMatch(/\/tosec\/downloads\/category\/59-2025-03-13\?download=117:tosec-dat-pack-complete-5-tosec-v2025-03-13$/);
    expect(mirror.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /tosec/downloads',
      'GET /tosec/downloads/category/59-2025-03-13',
    ]);
  });

  it('fetches and extracts the whole pack under TOSEC-v<date>/, skipping a badly encoded name with a warning', async () => {
    const { ctx, fetchCtx, warnings, progress } = await context();
    const remote = await tosecSource.check(ctx);
    const fc = fetchCtx(remote);
    const result = await tosecSource.fetch(fc);
    expect(result.version).toBe('2025-03-13');
    expect(result.files.sort()).toEqual([
      'TOSEC-v2025-03-13/TOSEC-ISO/Sony PlayStation - Games (TOSEC-v2025-03-13).dat',
      'TOSEC-v2025-03-13/TOSEC-PIX/Commodore Amiga - Magazines (TOSEC-v2025-03-13).dat',
      'TOSEC-v2025-03-13/TOSEC/Commodore Amiga - Demos - [ADF] (TOSEC-v2025-03-13).dat',
      'TOSEC-v2025-03-13/TOSEC/Commodore Amiga - Games - [ADF] (TOSEC-v2025-03-13).dat',
      'TOSEC-v2025-03-13/TOSEC/Sinclair ZX Spectrum - Games - [TAP] (TOSEC-v2025-03-13).dat',
    ]);
    const dat = await fs.readFile(path.join(fc.stagingDir, result.files[3]!), 'utf8');
    expect(dat).toContain('<name>Commodore Amiga - Games - [ADF]</name>');
    expect(result.transferredBytes).toBe((await site.packBytes('2025-03-13')).length);
    expect(warnings).toEqual([
      `${site.packName('2025-03-13')}: entry name is marked UTF-8 but is not valid UTF-8; read as CP437: "TOSEC-ISO/Cues/Disc (Café).cue"`,
    ]);
    expect(progress.some((p) => p.phase === 'extracting')).toBe(true);
    expect(result.state).toEqual({ pack: site.packName('2025-03-13'), category: expect.stringMatching(/59-2025-03-13$/) });
    expect(mirror.requestsTo('/tosec/hpot')).toHaveLength(0);
    expect(mirror.requestsTo('/tosec/downloads/category/99-')).toHaveLength(0);
  });

  it('sees a new release published first in the menu', async () => {
    site.addRelease('2025-11-20');
    const { ctx, fetchCtx } = await context();
    const remote = await tosecSource.check(ctx);
    expect(remote.version).toBe('2025-11-20');
    const result = await tosecSource.fetch(fetchCtx(remote));
    expect(result.files.every((f) => f.startsWith('TOSEC-v2025-11-20/TOSEC'))).toBe(true);
  });

  it('fails with one line when the page layout changed', async () => {
    site.layout = 'changed';
    const { ctx } = await context();
    const error = await tosecSource.check(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamChangedError);
    expect((error as Error).message).toBe(`TOSEC page layout changed: no release category found on ${site.downloadsUrl}`);
  });

  it('fails clearly when an HTML page comes where the pack was due, leaving staging empty', async () => {
    mirror.addFault({ path: /\?download=/, fault: { kind: 'html' } });
    const { ctx, fetchCtx } = await context();
    const fc = fetchCtx(await tosecSource.check(ctx));
    const error = await tosecSource.fetch(fc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as Error).message).toMatch(/^TOSEC: http:\/\/127\.0\.0\.1:\d+\/tosec\/downloads\/category\/59-2025-03-13\S* answered with an HTML page where the pack \(a zip\) was due$/);
    expect(await fs.readdir(fc.stagingDir)).toEqual([]);
  });

  it('takes a pack the user downloaded (--from-file) without asking the site', async () => {
    const { ctx, fetchCtx, root } = await context();
    const file = path.join(root, site.packName('2025-03-13'));
    await fs.writeFile(file, await site.packBytes('2025-03-13'));
    mirror.clearRequests();
    const remote = await tosecSource.check({ ...ctx, fromFile: file });
    expect(remote.version).toBe('2025-03-13');
    const result = await tosecSource.fetch({ ...fetchCtx(remote), fromFile: file });
    expect(result.files).toHaveLength(5);
    expect(mirror.requests).toEqual([]);
    const renamed = path.join(root, 'pack.zip');
    await fs.rename(file, renamed);
    await expect(tosecSource.check({ ...ctx, fromFile: renamed })).rejects.toThrow(
      '--from-file: pack.zip is not named like a TOSEC pack ("… (TOSEC-vYYYY-MM-DD).zip")',
    );
  });

  it('retries a transient server error on the pages', async () => {
    mirror.addFault({ path: '/tosec/downloads', times: 1, fault: { kind: 'status', status: 503 } });
    const { ctx } = await context();
    expect((await tosecSource.check(ctx)).version).toBe('2025-03-13');
  });
});
