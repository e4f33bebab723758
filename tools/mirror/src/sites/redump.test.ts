import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMirror, type Mirror } from '../server.js';
import { mountRedump, type RedumpSite } from './redump.js';

let mirror: Mirror;
let site: RedumpSite;
beforeEach(async () => {
  mirror = await startMirror();
  site = mountRedump(mirror);
});
afterEach(() => mirror.close());

describe('the redump.info imitation', () => {
  it('lists datfile links in the downloads table and serves zips named by Content-Disposition', async () => {
    const page = await (await fetch(`${site.url}/downloads/`)).text();
    expect(page).toContain('<td class="download-links-cell"><a href="/redump/datfile/PSX">Dat</a>');
    const head = await fetch(`${site.url}/datfile/PSX`, { method: 'HEAD' });
    expect(head.headers.get('content-disposition')).toBe('attachment; filename="Sony - PlayStation - Datfile (3) (2026-11-20 01-23-45).zip"');
    const zip = Buffer.from(await (await fetch(`${site.url}/datfile/PSX`)).arrayBuffer());
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(Number(head.headers.get('content-length'))).toBe(zip.length);
  });

  it('answers a gated system with an HTML page until the forum login succeeds', async () => {
    expect((await fetch(`${site.url}/datfile/PS3`)).headers.get('content-type')).toMatch(/text\/html/);
    const loginPage = await fetch(`${site.forumUrl}/ucp.php?mode=login`);
    const cookie = loginPage.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const html = await loginPage.text();
    const hidden = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]),
    );
    expect(Object.keys(hidden).sort()).toEqual(['creation_time', 'form_token', 'redirect', 'sid']);

    const post = (password: string) =>
      fetch(`${site.forumUrl}/ucp.php?mode=login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...hidden, username: site.account.username, password, login: 'Login' }).toString(),
      });
    const right = await post(site.account.password);
    expect(right.status).toBe(302);
    expect(right.headers.get('location')).toBe('./index.php');
    const target = new URL(right.headers.get('location')!, `${site.forumUrl}/ucp.php`).toString();
    const loggedIn = right.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    // The redirect's target is a page: a POST there is refused (as the real forum does), a GET welcomes the user.
    const kept = await fetch(target, { method: 'POST', headers: { cookie: loggedIn }, body: 'username=tester' });
    expect(kept.status).toBe(404);
    expect(site.refused).toEqual(['POST /index.php']);
    expect(await (await fetch(target, { headers: { cookie: loggedIn } })).text()).toContain('Welcome, tester');
  });

  it('renews the form key after a wrong password, as phpBB does', async () => {
    const loginPage = await fetch(`${site.forumUrl}/ucp.php?mode=login`);
    const cookie = loginPage.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const html = await loginPage.text();
    const hidden = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]),
    );
    const post = (password: string) =>
      fetch(`${site.forumUrl}/ucp.php?mode=login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...hidden, username: site.account.username, password, login: 'Login' }).toString(),
      });
    const wrong = await post('nope');
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain('You have specified an incorrect password.');
    // A wrong try renews the form key, as phpBB does: the old token no longer works.
    const stale = await post(site.account.password);
    expect(await stale.text()).toContain('The submitted form was invalid.');
  });
});
