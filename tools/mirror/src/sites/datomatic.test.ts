import { load } from 'cheerio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMirror, type Mirror } from '../server.js';
import { datomaticSite, type DatomaticSite } from './datomatic.js';
import { lovePackFiles, lovePackName } from './datomatic-pack.js';

let mirror: Mirror;
let site: DatomaticSite;
let base: string;

beforeEach(async () => {
  mirror = await startMirror();
  site = datomaticSite({ date: '2026-11-20' });
  mirror.mount('/datomatic', site.handler);
  base = `${mirror.url}/datomatic/index.php`;
});
afterEach(() => mirror.close());

/** A browser-ish client by hand: one cookie, forms read with cheerio, the submit picked by the test. */
async function getDaily(cookie?: string) {
  const response = await fetch(`${base}?page=download&op=daily`, { headers: cookie ? { cookie } : {} });
  const html = await response.text();
  const setCookie = response.headers.get('set-cookie');
  return { html, cookie: cookie ?? setCookie?.split(';')[0] ?? '' };
}

function dailyFields(html: string, submit: 'visible' | 'decoy', tick: string[] = []) {
  const $ = load(html);
  const form = $('form[method=post]');
  const fields = new URLSearchParams();
  form.find('input[type=hidden]').each((_i, el) => void fields.append($(el).attr('name')!, $(el).attr('value')!));
  fields.append(form.find('select').attr('name')!, 'standard');
  form.find('input[type=checkbox]').each((_i, el) => {
    const label = $(`label[for="${$(el).attr('id')}"]`).text();
    if ($(el).attr('checked') !== undefined || tick.includes(label)) fields.append($(el).attr('name')!, 'Ok');
  });
  const buttons = form.find('input[type=submit]').toArray();
  const hiddenClass = /\.(\w+) \{ display: none/.exec($('style').text())?.[1];
  const button = buttons.find((b) => ($(b).hasClass(hiddenClass ?? '-') ? submit === 'decoy' : submit === 'visible'))!;
  fields.append($(button).attr('name')!, 'Prepare');
  return fields;
}

const post = (url: string, cookie: string, fields: URLSearchParams) =>
  fetch(url, { method: 'POST', body: fields, headers: { cookie }, redirect: 'manual' });

describe('datomaticSite', () => {
  it('refuses the prepare redirect followed with the POST kept (as only a non-browser client would)', async () => {
    const { html, cookie } = await getDaily();
    const prepared = await post(`${base}?page=download&op=daily`, cookie, dailyFields(html, 'visible'));
    const managerUrl = new URL(prepared.headers.get('location')!, base).toString();
    const kept = await post(managerUrl, cookie, dailyFields(html, 'visible'));
    expect(kept.status).toBe(405);
    expect(site.stats.refused).toEqual(['Method not allowed.']);
    // The same redirect followed with a GET, as a browser does, shows the manager page.
    expect((await fetch(managerUrl, { headers: { cookie } })).status).toBe(200);
  });

  it('serves the daily pack through prepare → 302 → manager → the one visible Download!!', async () => {
    const { html, cookie } = await getDaily();
    expect(cookie).toMatch(/^PHPSESSID=/);
    const prepared = await post(`${base}?page=download&op=daily`, cookie, dailyFields(html, 'visible', ['Aftermarket']));
    expect(prepared.status).toBe(302);
    const location = prepared.headers.get('location')!;
    expect(location).toMatch(/^index\.php\?page=manager&download=\w+$/);
    expect(site.stats.lastChoices).toMatchObject({ Main: 'Ok', Aftermarket: 'Ok', 'DAT type': 'standard' });

    const managerUrl = new URL(location, base).toString();
    const manager = load(await (await fetch(managerUrl, { headers: { cookie } })).text());
    const submits = manager('form[method=post] input[type=submit], form[method=post] button');
    expect(submits.length).toBe(5); // one visible, four decoys
    const visible = submits
      .toArray()
      .find((el) => manager(el).attr('hidden') === undefined && manager(el).attr('style') === undefined && el.tagName === 'input' && manager(el).parent('span').length === 0)!;
    const fields = new URLSearchParams();
    manager('input[type=hidden]').each((_i, el) => void fields.append(manager(el).attr('name')!, manager(el).attr('value')!));
    fields.append(manager(visible).attr('name')!, 'Download!!');
    const zip = await post(managerUrl, cookie, fields);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-disposition')).toBe(`attachment; filename="${lovePackName('2026-11-20')}"`);
    const bytes = Buffer.from(await zip.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(bytes.includes(Buffer.from('Aftermarket/Nintendo - Game Boy (Aftermarket) (20261120-140000).dat'))).toBe(true);
    expect(site.stats.downloads).toBe(1);
    // A download id is used once.
    expect((await post(managerUrl, cookie, fields)).status).toBe(410);
  });

  it('renames its fields on every load and refuses the names of an earlier load', async () => {
    const first = await getDaily();
    const second = await getDaily(first.cookie);
    const names = (html: string) => load(html)('form[method=post] [name]').toArray().map((el) => el.attribs['name']);
    expect(names(first.html)).toHaveLength(names(second.html).length);
    expect(names(first.html).filter((n) => names(second.html).includes(n))).toEqual([]);
    const stale = await post(`${base}?page=download&op=daily`, first.cookie, dailyFields(first.html, 'visible'));
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain('Invalid request');
  });

  it('refuses a hidden decoy and a request without the session', async () => {
    const { html, cookie } = await getDaily();
    const decoy = await post(`${base}?page=download&op=daily`, cookie, dailyFields(html, 'decoy'));
    expect(decoy.status).toBe(403);
    expect(site.stats.decoysPressed).toBe(1);
    const again = await getDaily();
    const sessionless = await post(`${base}?page=download&op=daily`, '', dailyFields(again.html, 'visible'));
    expect(sessionless.status).toBe(403);
    expect(await sessionless.text()).toContain('session has expired');
    expect((await fetch(`${base}?page=manager&download=x1`)).status).toBe(403);
  });

  it('says when downloads are suspended, and can show the pack date', async () => {
    site.set({ suspended: 'Downloads are temporarily suspended.' });
    const { html } = await getDaily();
    expect(load(html)('form[method=post]').length).toBe(0);
    expect(html).toContain('temporarily suspended');
    site.set({ suspended: false, showsDate: true });
    expect((await getDaily()).html).toContain('2026-11-20');
  });

  it('serves the same pack as a community mirror would', async () => {
    const daily = await fetch(`${mirror.url}/datomatic/mirror/daily.zip`);
    expect(daily.headers.get('content-disposition')).toContain(lovePackName('2026-11-20'));
    const byName = await fetch(`${mirror.url}/datomatic/mirror/${encodeURIComponent(lovePackName('2026-11-20'))}`, { method: 'HEAD' });
    expect(byName.status).toBe(200);
    expect(Object.keys(lovePackFiles({ date: '2026-11-20' }))).toContain('No-Intro/Nintendo - Game Boy (20261120-093512).dat');
  });
});
