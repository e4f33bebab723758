import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHtmlPage } from './html-page.js';

const fixture = (name: string) =>
  fs.readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/pages/tosec/${name}`, import.meta.url)), 'utf8');

describe('parseHtmlPage', () => {
  it('resolves links against the <base href> of a real TOSEC capture', () => {
    // Fetched from a proxy address, the page's base still decides where its links lead.
    const page = parseHtmlPage(fixture('tosec_downloads.html'), 'http://127.0.0.1:9/proxy/downloads');
    expect(page.baseUrl).toBe('https://www.tosecdev.org/downloads');
    expect(page.title).toBe('Downloads');
    const releases = page.links('.pd-subcategory');
    expect(releases).toHaveLength(49 + 4 + 1);
    expect(releases[0]).toEqual({
      url: 'https://www.tosecdev.org/downloads/category/59-2025-03-13',
      href: '/downloads/category/59-2025-03-13',
      text: '2025-03-13',
      hidden: false,
    });
  });

  it('marks the honeypot links of the real capture as hidden and none of the visible menu', () => {
    const page = parseHtmlPage(fixture('tosec_downloads.html'), 'https://www.tosecdev.org/downloads');
    const traps = page.links().filter((link) => link.url.includes('/hpot/'));
    expect(traps.length).toBeGreaterThanOrEqual(6);
    expect(traps.every((link) => link.hidden)).toBe(true);
    expect(page.links('.pd-subcategory').some((link) => link.hidden)).toBe(false);
  });

  it('skips javascript:, fragment and mailto links', () => {
    const page = parseHtmlPage(
      '<a href="#top">a</a><a href="javascript:scroll(0,0)">b</a><a href="mailto:x@y">c</a><a href="/ok">ok</a>',
      'http://host/dir/page',
    );
    expect(page.links().map((link) => link.url)).toEqual(['http://host/ok']);
    expect(page.resolve('sub?x=1')).toBe('http://host/dir/sub?x=1');
  });

  it('reads a login form as a browser would send it', () => {
    const page = parseHtmlPage(
      `<form method="post" action="./ucp.php?mode=login" id="login">
        <input type="text" name="username" value="">
        <input type="password" name="password">
        <input type="checkbox" name="autologin"><input type="checkbox" name="viewonline" checked>
        <select name="lang"><option value="en">en</option><option value="de" selected>de</option></select>
        <textarea name="note">hi</textarea>
        <input type="hidden" name="form_token" value="abc123"><input type="hidden" name="sid" value="s1">
        <input type="hidden" name="creation_time" value="1700000000">
        <input type="submit" name="login" value="Login"><input type="submit" name="trap" value="x" style="display:none">
        <input type="text" name="off" value="1" disabled>
      </form>`,
      'https://forum.example/ucp.php?mode=login',
    );
    const [form] = page.forms();
    expect(form).toEqual({
      action: 'https://forum.example/ucp.php?mode=login',
      method: 'POST',
      fields: {
        username: '',
        password: '',
        viewonline: 'on',
        lang: 'de',
        note: 'hi',
        form_token: 'abc123',
        sid: 's1',
        creation_time: '1700000000',
      },
      submits: [
        { name: 'login', value: 'Login', hidden: false },
        { name: 'trap', value: 'x', hidden: true },
      ],
      passwordFields: ['password'],
    });
  });
});
