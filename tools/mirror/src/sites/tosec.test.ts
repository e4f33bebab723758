import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMirror, type Mirror } from '../server.js';
import { mountTosec, type TosecSite } from './tosec.js';

let mirror: Mirror;
let site: TosecSite;
beforeEach(async () => {
  mirror = await startMirror();
  site = mountTosec(mirror);
});
afterEach(() => mirror.close());

describe('the tosecdev.org imitation', () => {
  it('serves the downloads menu with a <base href>, an unordered menu, non-release categories and traps', async () => {
    const page = await (await fetch(site.downloadsUrl)).text();
    expect(page).toContain(`<base href="${mirror.url}/tosec/downloads" />`);
    const dates = [...page.matchAll(/class="pd-subcategory"><a href="\/tosec\/downloads\/category\/\d+-([\d-]+)"/g)].map((m) => m[1]);
    expect(dates).not.toEqual([...dates].sort().reverse());
    expect(page).toContain('2009-07-12-toseciso-wip');
    expect(page).toContain('/tosec/hpot/universal.php');
  });

  it('serves a release pack with its Content-Disposition name and length', async () => {
    const category = await (await fetch(`${mirror.url}/tosec/downloads/category/59-2025-03-13`)).text();
    const href = /href="([^"]+\?download=[^"]+)"/.exec(category)?.[1];
    expect(href).toBeDefined();
    const response = await fetch(`${mirror.url}${href}`);
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="TOSEC - DAT Pack - Complete (5) (TOSEC-v2025-03-13).zip"',
    );
    expect(body.equals(await site.packBytes('2025-03-13'))).toBe(true);
    expect(Number(response.headers.get('content-length'))).toBe(body.length);
  });

  it('publishes a new release and can change its layout', async () => {
    site.addRelease('2025-11-20');
    expect(await (await fetch(site.downloadsUrl)).text()).toContain('/tosec/downloads/category/60-2025-11-20');
    site.layout = 'changed';
    const page = await (await fetch(site.downloadsUrl)).text();
    expect(page).not.toContain('/downloads/category/60-2025-11-20');
    expect(page).toContain('/tosec/releases/2025-11-20');
  });
});
