import { randomBytes, randomInt } from 'node:crypto';
import type http from 'node:http';
import type { Mirror, SiteHandler } from '../server.js';
import { aftermarketSystem, defaultPackSystems, makeLovePack, type PackSystem } from './datomatic-pack.js';

/**
 * An imitation of DAT-o-MATIC's anonymous daily-pack flow, as far as it is known (no real page
 * was captured; see test/fixtures/pages/SOURCE.md): GET the daily page (a session cookie), POST
 * its form ("Prepare"), 302 to `index.php?page=manager&download=<id>`, POST the one visible
 * "Download!!" button there, receive `No-Intro Love Pack (Standard DAT) (YYYY-MM-DD).zip`.
 * Like the real site it renames its fields on every page load, plants hidden decoy buttons and
 * refuses requests without the session, and it can say that downloads are suspended.
 * `/mirror/daily.zip` stands in for a community mirror of the same pack.
 */

export interface DatomaticOptions {
  /** The pack date, `YYYY-MM-DD`. */
  date: string;
  /** The pack's DATs (default: `defaultPackSystems(date)`). */
  systems?: PackSystem[];
  /** New random field and button names on every page load (default true). */
  renameFields: boolean;
  /** Hidden decoy submit buttons on the daily and manager pages (default true). */
  decoys: boolean;
  /** The daily page shows the current pack's date (default false: the real page is not known to). */
  showsDate: boolean;
  /** Downloads suspended: false, or the message the page shows instead of the form. */
  suspended: false | string;
  /** The daily page shows a captcha form instead of the pack form (it comes at random on the real site). */
  captcha: boolean;
  /** `profile.xml`: the clrmamepro profiler list of every DAT ("normal"), a 404 ("missing"), or an HTML page ("changed"). */
  profile: 'normal' | 'missing' | 'changed';
}

export interface DatomaticStats {
  pagesServed: number;
  prepared: number;
  downloads: number;
  decoysPressed: number;
  /** Why requests were refused, in order. */
  refused: string[];
  /** The fields the last prepare POST carried, by their label ("Aftermarket", "DAT type", …). */
  lastChoices: Record<string, string>;
  /** GETs of profile.xml answered. */
  profileServed: number;
}

export interface DatomaticSite {
  handler: SiteHandler;
  /** Changes what the site does from the next request on. */
  set(options: Partial<DatomaticOptions>): void;
  readonly options: Readonly<DatomaticOptions>;
  readonly stats: DatomaticStats;
}

export const defaultSuspendedMessage =
  'Downloads are temporarily suspended due to excessive traffic. Please try again later or use a mirror.';

interface DailyNames {
  form: string;
  token: string;
  tokenValue: string;
  type: string;
  sets: { key: string; label: string; name: string; checked: boolean }[];
  prepare: string;
  decoy: string;
}

interface Pending {
  id: string;
  aftermarket: boolean;
  type: string;
  names?: { visible: string; decoys: string[]; token: string; tokenValue: string };
  used: boolean;
}

interface Session {
  daily?: DailyNames;
  downloads: Map<string, Pending>;
}

const setDefs = [
  { key: 'main', label: 'Main', checked: true },
  { key: 'aftermarket', label: 'Aftermarket', checked: false },
  { key: 'unofficial', label: 'Unofficial', checked: true },
  { key: 'nonredump', label: 'Non-Redump', checked: true },
  { key: 'bios', label: 'Redump BIOS', checked: false },
];

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function cookieSession(req: http.IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, value] = part.trim().split('=');
    if (key === 'PHPSESSID' && value !== undefined && value !== '') return value;
  }
  return undefined;
}

function page(title: string, body: string, style = ''): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>DAT-o-MATIC :: ${escapeHtml(title)}</title>
<style>
body { font-family: sans-serif; }
.menu a { margin-right: 1em; }
${style}
</style></head>
<body>
<div class="menu"><a href="index.php">Home</a><a href="index.php?page=download&amp;op=daily">Download</a>
<form method="get" action="index.php" class="search"><input type="hidden" name="page" value="search"><input type="text" name="text"><input type="submit" value="Search"></form>
</div>
<div class="content">
${body}
</div></body></html>`;
}

/** Shuffles in place (the visible button is not always first or last). */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export function datomaticSite(initial: Partial<DatomaticOptions> = {}): DatomaticSite {
  const options: DatomaticOptions = {
    date: '2026-11-20',
    renameFields: true,
    decoys: true,
    showsDate: false,
    suspended: false,
    captcha: false,
    profile: 'normal',
    ...initial,
  };
  const stats: DatomaticStats = {
    pagesServed: 0,
    prepared: 0,
    downloads: 0,
    decoysPressed: 0,
    refused: [],
    lastChoices: {},
    profileServed: 0,
  };
  const sessions = new Map<string, Session>();
  let counter = 0;
  // Fixed names when renaming is off, so a test can show that a stale name is refused only when renamed.
  const name = (fixed: string) => (options.renameFields ? `f${randomBytes(5).toString('hex')}` : fixed);
  // The hiding class also changes with the names: a script cannot learn it once.
  const hideClass = () => (options.renameFields ? `c${randomBytes(3).toString('hex')}` : 'nodisp');

  const send = (res: http.ServerResponse, status: number, html: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(html);
    return true;
  };
  const refuse = (res: http.ServerResponse, status: number, why: string) => {
    stats.refused.push(why);
    return send(res, status, page('Error', `<h2>Error</h2><p class="error">${escapeHtml(why)}</p>`));
  };
  const suspendedPage = (res: http.ServerResponse, message: string) => {
    stats.refused.push('suspended');
    return send(res, 200, page('Download', `<h2>Daily download</h2><p class="warning"><b>${escapeHtml(message)}</b></p>`));
  };

  const captchaPage = (res: http.ServerResponse) => {
    stats.refused.push('captcha');
    return send(
      res,
      200,
      page(
        'Download',
        `<h2>Daily download</h2><p>Please prove you are a person.</p>
<form method="post" action="index.php?page=download&amp;op=daily"><img src="captcha.php?r=${randomBytes(4).toString('hex')}" alt="">
<input type="text" name="captcha_code"><input type="submit" value="Continue"></form>`,
      ),
    );
  };

  /** clrmamepro's WWW-profiler list: every DAT with its current version (the stamp in its file name). */
  function profileXml(): string {
    const systems = [...(options.systems ?? defaultPackSystems(options.date)), aftermarketSystem(options.date)];
    const entries = systems.map(
      (s) => `\t<datfile>
\t\t<name>${escapeHtml(s.system)}</name>
\t\t<description>${escapeHtml(s.system)}</description>
\t\t<version>${s.stamp}</version>
\t\t<author>No-Intro</author>
\t\t<comment>${escapeHtml(s.folder)}</comment>
\t\t<url>https://datomatic.no-intro.org/index.php?page=download&amp;s=0</url>
\t</datfile>`,
    );
    return `<?xml version="1.0" encoding="UTF-8"?>\n<clrmamepro>\n${entries.join('\n')}\n</clrmamepro>\n`;
  }

  function dailyPage(session: Session): string {
    const names: DailyNames = {
      form: name('main_form'),
      token: name('tok'),
      tokenValue: randomBytes(8).toString('hex'),
      type: name('dat_type'),
      sets: setDefs.map((s) => ({ ...s, name: name(s.key) })),
      prepare: name('prepare'),
      decoy: name('prepare_2'),
    };
    session.daily = names;
    const hidden = hideClass();
    const sets = names.sets
      .map(
        (s) =>
          `<tr><td><input type="checkbox" name="${s.name}" id="${s.name}_id" value="Ok"${s.checked ? ' checked' : ''}></td>` +
          `<td><label for="${s.name}_id">${escapeHtml(s.label)}</label></td></tr>`,
      )
      .join('\n');
    const prepare = `<input type="submit" name="${names.prepare}" value="Prepare">`;
    const decoy = options.decoys ? `<input type="submit" name="${names.decoy}" value="Prepare" class="${hidden}">` : '';
    const buttons = shuffle([prepare, decoy].filter((b) => b !== ''));
    const dateLine = options.showsDate ? `<p>Last update of the daily pack: ${options.date}</p>` : '';
    return page(
      'Download',
      `<h2>Daily download</h2>
<p>Download all DATs in one pack. Please do not automate this page.</p>
<form method="post" action="index.php?page=download&amp;op=daily" name="${names.form}">
${dateLine}
<input type="hidden" name="${names.token}" value="${names.tokenValue}">
<table>
<tr><td>DAT type</td><td><select name="${names.type}"><option value="standard" selected>Standard DAT</option><option value="xml">P/C XML</option></select></td></tr>
${sets}
</table>
${buttons.join('\n')}
</form>`,
      `.${hidden} { display: none; }`,
    );
  }

  function managerPage(pending: Pending): string {
    const hidden = hideClass();
    const visible = name('download');
    const decoyNames = options.decoys ? [name('dl1'), name('dl2'), name('dl3'), name('dl4')] : [];
    pending.names = { visible, decoys: decoyNames, token: name('mtok'), tokenValue: randomBytes(8).toString('hex') };
    const [d1, d2, d3, d4] = decoyNames;
    const buttons = [
      `<input type="submit" name="${visible}" value="Download!!">`,
      ...(options.decoys
        ? [
            `<input type="submit" name="${d1}" value="Download!!" hidden>`,
            `<input type="submit" name="${d2}" value="Download!!" style="display : none">`,
            `<button type="submit" name="${d3}" value="Download!!" class="btn ${hidden}">Download!!</button>`,
            `<span style="visibility: hidden"><input type="submit" name="${d4}" value="Download!!"></span>`,
          ]
        : []),
    ];
    return page(
      'Download manager',
      `<h2>Your download is ready</h2>
<p>Pack: No-Intro Love Pack (${escapeHtml(pending.type)})</p>
<form method="post" action="index.php?page=manager&amp;download=${pending.id}">
<input type="hidden" name="${pending.names.token}" value="${pending.names.tokenValue}">
${shuffle(buttons).join('\n')}
</form>`,
      `.${hidden} { display: none !important; }`,
    );
  }

  /** A community mirror's copy of today's pack: `/mirror/daily.zip` (name in Content-Disposition) or by its own name. */
  async function mirrorPack(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<boolean> {
    const pack = await makeLovePack({ date: options.date, ...(options.systems !== undefined ? { systems: options.systems } : {}) });
    const requested = decodeURIComponent(pathname.slice('/mirror/'.length));
    if (requested !== 'daily.zip' && requested !== pack.name) return false;
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-length': String(pack.data.length),
      ...(requested === 'daily.zip' ? { 'content-disposition': `attachment; filename="${pack.name}"` } : {}),
    });
    if (req.method === 'HEAD') res.end();
    else {
      stats.downloads += 1;
      res.end(pack.data);
    }
    return true;
  }

  const handler: SiteHandler = async (req, res, url) => {
    if (url.pathname.startsWith('/mirror/')) return mirrorPack(req, res, url.pathname);
    if (url.pathname === '/profile.xml') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
      if (options.profile === 'missing') return false;
      if (options.profile === 'changed') return send(res, 200, page('Home', '<h2>Welcome to DAT-o-MATIC</h2>'));
      stats.profileServed += 1;
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : profileXml());
      return true;
    }
    if (url.pathname !== '/index.php' && url.pathname !== '/') return false;
    const q = url.searchParams;
    const method = req.method ?? 'GET';
    let sid = cookieSession(req);
    let session = sid !== undefined ? sessions.get(sid) : undefined;

    if (q.get('page') === 'download' && q.get('op') === 'daily') {
      if (method === 'GET') {
        if (options.suspended !== false) return suspendedPage(res, options.suspended);
        if (options.captcha) return captchaPage(res);
        const headers: Record<string, string> = {};
        if (session === undefined) {
          sid = randomBytes(12).toString('hex');
          session = { downloads: new Map() };
          sessions.set(sid, session);
          headers['set-cookie'] = `PHPSESSID=${sid}; path=/; HttpOnly`;
        }
        stats.pagesServed += 1;
        return send(res, 200, dailyPage(session), headers);
      }
      if (method !== 'POST') return refuse(res, 405, 'Method not allowed.');
      const form = await readForm(req);
      if (session?.daily === undefined) return refuse(res, 403, 'Your session has expired. Please reload the page.');
      if (options.suspended !== false) return suspendedPage(res, options.suspended);
      const names = session.daily;
      session.daily = undefined; // one form per page load
      if (form.has(names.decoy)) {
        stats.decoysPressed += 1;
        return refuse(res, 403, 'Automated requests are not allowed. Your address has been logged.');
      }
      const known = new Set([names.token, names.type, names.prepare, ...names.sets.map((s) => s.name)]);
      const unknown = [...form.keys()].filter((key) => !known.has(key));
      if (form.get(names.token) !== names.tokenValue || form.get(names.prepare) !== 'Prepare' || unknown.length > 0) {
        return refuse(res, 200, 'Invalid request. Please reload the page and try again.');
      }
      stats.lastChoices = { 'DAT type': form.get(names.type) ?? '' };
      for (const s of names.sets) if (form.has(s.name)) stats.lastChoices[s.label] = form.get(s.name) ?? '';
      counter += 1;
      const id = `${Date.now().toString(36)}${counter}`;
      const type = form.get(names.type) === 'xml' ? 'P/C XML' : 'Standard DAT';
      session.downloads.set(id, { id, aftermarket: form.has(names.sets.find((s) => s.key === 'aftermarket')!.name), type, used: false });
      stats.prepared += 1;
      res.writeHead(302, { location: `index.php?page=manager&download=${id}`, 'content-type': 'text/html' }).end('');
      return true;
    }

    if (q.get('page') === 'manager' && q.get('download') !== null) {
      const pending = session?.downloads.get(q.get('download')!);
      if (method === 'GET') {
        if (pending === undefined) return refuse(res, 403, 'This download does not belong to your session.');
        if (pending.used) return refuse(res, 410, 'This download has expired.');
        return send(res, 200, managerPage(pending));
      }
      if (method !== 'POST') return refuse(res, 405, 'Method not allowed.');
      // The prepare step's 302 leads here with a GET, as browsers follow it; a client that keeps
      // the POST arrives before the manager page was ever shown and is refused like the real site.
      if (pending !== undefined && pending.names === undefined) return refuse(res, 405, 'Method not allowed.');
      const form = await readForm(req);
      if (pending?.names === undefined) return refuse(res, 403, 'This download does not belong to your session.');
      if (pending.used) return refuse(res, 410, 'This download has expired.');
      if (pending.names.decoys.some((d) => form.has(d))) {
        stats.decoysPressed += 1;
        pending.used = true;
        return refuse(res, 403, 'Automated requests are not allowed. Your address has been logged.');
      }
      if (form.get(pending.names.visible) !== 'Download!!' || form.get(pending.names.token) !== pending.names.tokenValue) {
        return refuse(res, 200, 'Invalid request. Please reload the page and try again.');
      }
      pending.used = true;
      const pack = await makeLovePack({
        date: options.date,
        type: pending.type,
        aftermarket: pending.aftermarket,
        ...(options.systems !== undefined ? { systems: options.systems } : {}),
      });
      stats.downloads += 1;
      res
        .writeHead(200, {
          'content-type': 'application/zip',
          'content-length': String(pack.data.length),
          'content-disposition': `attachment; filename="${pack.name}"`,
        })
        .end(pack.data);
      return true;
    }
    return false;
  };

  return {
    handler,
    set(changes) {
      Object.assign(options, changes);
    },
    options,
    stats,
  };
}

/** Mounts the imitation on a mirror; `url` is what `[sources.no-intro] url` should say. */
export function mountDatomatic(
  mirror: Mirror,
  options: Partial<DatomaticOptions> = {},
  prefix = '/datomatic',
): DatomaticSite & { url: string; mirrorPackUrl: string } {
  const site = datomaticSite(options);
  mirror.mount(prefix, site.handler);
  return Object.assign(site, { url: `${mirror.url}${prefix}`, mirrorPackUrl: `${mirror.url}${prefix}/mirror/daily.zip` });
}
