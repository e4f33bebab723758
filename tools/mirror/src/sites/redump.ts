import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { Mirror } from '../server.js';
import { zipFiles } from './tosec-pack.js';

/** One system on the imitation's downloads page. */
export interface RedumpSystem {
  /** The code in the datfile link (`PSX`); the old site used lower case (`psx`). */
  code: string;
  /** Full name, as in the DAT file name (`Sony - PlayStation`). */
  name: string;
  /** `YYYY-MM-DD HH-MM-SS`: the DAT's date, in its Content-Disposition name. */
  date: string;
  games: number;
  /** Only a logged-in forum account may download it; others get an HTML page. */
  loginRequired?: boolean;
}

export interface RedumpSite {
  /** `${mirror.url}/redump`: the value for `[sources.redump] url`. */
  readonly url: string;
  /** `${mirror.url}/redump-forum`: the value for `[sources.redump] forum_url`. */
  readonly forumUrl: string;
  readonly systems: RedumpSystem[];
  /** The account the forum accepts. */
  readonly account: { username: string; password: string };
  /** "new": redump.info links `/datfile/PSX`; "old": redump.org links `/datfile/psx/`; "changed": no datfile links. */
  layout: 'new' | 'old' | 'changed';
  /** Publishes a new DAT for a system. */
  setDate(code: string, date: string): void;
  /** The Content-Disposition name of a system's zip. */
  zipName(system: RedumpSystem): string;
  /** Form bodies posted to the login form (tests check the hidden fields came back). */
  readonly logins: URLSearchParams[];
  /** Requests the forum refused for their method (a POST on a page), as `METHOD /path`. */
  readonly refused: string[];
  /** BIOS datfiles listed below the systems: plain DATs under `/static/bios/`, dated by Last-Modified. */
  readonly bios: RedumpBios[];
}

export interface RedumpBios {
  /** The file name under `/static/bios/` without `.dat` (`psx`). */
  file: string;
  name: string;
  /** An HTTP date: the file's Last-Modified. */
  modified: string;
}

const defaultSystems = (): RedumpSystem[] => [
  { code: 'PSX', name: 'Sony - PlayStation', date: '2026-11-20 01-23-45', games: 3 },
  { code: 'SS', name: 'Sega - Saturn', date: '2026-11-18 10-00-00', games: 2 },
  { code: 'DC', name: 'Sega - Dreamcast', date: '2026-11-19 08-30-12', games: 2 },
  { code: 'PS3', name: 'Sony - PlayStation 3', date: '2026-11-21 12-00-00', games: 2, loginRequired: true },
];

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A Logiqx DAT the way redump writes them: one disc per game, tracks as ROMs. */
export function redumpStyleDat(system: RedumpSystem): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!DOCTYPE datafile PUBLIC "-//Logiqx//DTD ROM Management Datafile//EN" "http://www.logiqx.com/Dats/datafile.dtd">',
    '<datafile>',
    '\t<header>',
    `\t\t<name>${escapeHtml(system.name)}</name>`,
    `\t\t<description>${escapeHtml(system.name)} - Discs (${system.games}) (${system.date})</description>`,
    `\t\t<version>${system.date}</version>`,
    `\t\t<date>${system.date}</date>`,
    '\t\t<author>redump.info mirror</author>',
    '\t\t<homepage>redump.info</homepage>',
    '\t\t<url>http://redump.info/</url>',
    '\t</header>',
  ];
  for (let i = 1; i <= system.games; i++) {
    const name = `${system.name} Game ${i} (USA)`;
    const crc = ((i * 0x2545f491 + system.code.length) >>> 0).toString(16).padStart(8, '0');
    lines.push(
      `\t<game name="${escapeHtml(name)}">`,
      `\t\t<category>Games</category>`,
      `\t\t<description>${escapeHtml(name)}</description>`,
      `\t\t<rom name="${escapeHtml(name)}.cue" size="${90 + i}" crc="${crc}" md5="${'a'.repeat(31)}${i % 10}" sha1="${'b'.repeat(39)}${i % 10}"/>`,
      `\t\t<rom name="${escapeHtml(name)}.bin" size="${700_000_000 + i}" crc="${crc.split('').reverse().join('')}" md5="${'c'.repeat(31)}${i % 10}" sha1="${'d'.repeat(39)}${i % 10}"/>`,
      '\t</game>',
    );
  }
  lines.push('</datafile>', '');
  return lines.join('\r\n');
}

/** The shape of a phpBB 3.3 page (prosilver), trimmed to what a login needs. */
function forumPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html dir="ltr" lang="en-gb">
<head>
<meta charset="utf-8" />
<title>redump.info - ${escapeHtml(title)}</title>
</head>
<body id="phpbb" class="nojs notouch section-ucp ltr ">
<div id="wrap" class="wrap">
<div class="navbar" role="navigation"><ul id="nav-main" class="nav-main linklist" role="menubar">
<li><a href="./faq.php" rel="help" title="Frequently Asked Questions" role="menuitem"><span>FAQ</span></a></li>
<li><a href="./ucp.php?mode=login&amp;redirect=index.php" title="Login" accesskey="x" role="menuitem"><span>Login</span></a></li>
</ul></div>
<div id="page-body" class="page-body" role="main">
${body}
</div>
</div>
</body>
</html>
`;
}

interface ForumSession {
  sid: string;
  formToken: string;
  userId: number;
}

/** An imitation of redump.info's downloads page and datfiles, and of its phpBB forum's login. */
export function mountRedump(
  mirror: Mirror,
  options: { prefix?: string; forumPrefix?: string; systems?: RedumpSystem[]; account?: { username: string; password: string } } = {},
): RedumpSite {
  const prefix = options.prefix ?? '/redump';
  const forumPrefix = options.forumPrefix ?? '/redump-forum';
  const systems = options.systems ?? defaultSystems();
  const account = options.account ?? { username: 'tester', password: 'correct horse battery staple' };
  const sessions = new Map<string, ForumSession>();
  const zips = new Map<string, Promise<Buffer>>();
  const cookieName = 'phpbb3_rdmp';

  const zipName = (system: RedumpSystem) => `${system.name} - Datfile (${system.games}) (${system.date}).zip`;
  const zipFor = (system: RedumpSystem) => {
    const key = `${system.code}|${system.date}`;
    let zip = zips.get(key);
    if (zip === undefined) {
      zip = zipFiles([{ name: zipName(system).replace(/\.zip$/, '.dat'), data: redumpStyleDat(system) }]);
      zips.set(key, zip);
    }
    return zip;
  };

  const site: RedumpSite = {
    url: `${mirror.url}${prefix}`,
    forumUrl: `${mirror.url}${forumPrefix}`,
    systems,
    account,
    layout: 'new',
    setDate(code, date) {
      const system = systems.find((s) => s.code === code);
      if (system === undefined) throw new Error(`no system ${code}`);
      system.date = date;
    },
    zipName,
    logins: [],
    refused: [],
    bios: [
      { file: 'psx', name: 'Sony - PlayStation', modified: 'Tue, 01 Sep 2026 10:00:00 GMT' },
      { file: 'ps2', name: 'Sony - PlayStation 2', modified: 'Wed, 02 Sep 2026 11:00:00 GMT' },
    ],
  };

  const cookies = (req: http.IncomingMessage): Map<string, string> =>
    new Map(
      (req.headers.cookie ?? '')
        .split(';')
        .map((part) => part.trim().split('='))
        .filter((pair): pair is [string, string] => pair.length === 2)
        .map(([k, v]) => [k, decodeURIComponent(v)]),
    );
  const sessionOf = (req: http.IncomingMessage) => sessions.get(cookies(req).get(`${cookieName}_sid`) ?? '');
  // Real phpBB cookies carry the forum's domain; on one loopback host, path "/" shares them the same way.
  const setCookies = (session: ForumSession) => [
    `${cookieName}_u=${session.userId}; path=/; HttpOnly`,
    `${cookieName}_k=; path=/; HttpOnly`,
    `${cookieName}_sid=${session.sid}; path=/; HttpOnly`,
  ];
  const newSession = (userId = 1): ForumSession => {
    const session = { sid: randomBytes(16).toString('hex'), formToken: randomBytes(20).toString('hex'), userId };
    sessions.set(session.sid, session);
    return session;
  };

  const send = (req: http.IncomingMessage, res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body: string | Buffer) => {
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
  const html = (req: http.IncomingMessage, res: http.ServerResponse, body: string, extra: http.OutgoingHttpHeaders = {}) =>
    send(req, res, 200, { 'content-type': 'text/html; charset=UTF-8', ...extra }, body);

  const downloadsPage = () => {
    const rows = systems
      .map((s) => {
        const link = (kind: string) => (site.layout === 'old' ? `${prefix}/${kind}/${s.code.toLowerCase()}/` : `${prefix}/${kind}/${s.code}`);
        const cell =
          site.layout === 'changed'
            ? `<button data-system="${s.code}" class="dl">Download</button>`
            : `<a href="${link('datfile')}">Dat</a> <a href="${link('cues')}">Cuesheets</a> <a href="${link('sbi')}">SBI</a>`;
        return `<tr><td>${escapeHtml(s.name)}</td><td class="download-links-cell">${cell}</td></tr>`;
      })
      .join('\n');
    return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Downloads - Redump</title></head>
<body>
<nav><a href="${prefix}/">Redump</a> <a href="${prefix}/discs">Discs</a> <a href="${prefix}/downloads">Downloads</a> <a href="${site.forumUrl}/">Forum</a></nav>
<main>
<h1>Downloads</h1>
<p>Datfiles for ClrMamePro and compatible tools. <a href="${prefix}/downloads/database">Database dump</a></p>
<table class="striped downloads-table">
<thead><tr><th>System</th><th>Downloads</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>BIOS datfiles</h2>
<table class="striped downloads-table">
<tbody>
${site.bios.map((b) => `<tr><td>${escapeHtml(b.name)}</td><td class="download-links-cell"><a href="${prefix}/static/bios/${b.file}.dat">Dat</a></td></tr>`).join('\n')}
</tbody>
</table>
</main>
</body>
</html>
`;
  };

  mirror.mount(prefix, async (req, res, url) => {
    if (url.pathname === '/downloads' || url.pathname === '/downloads/') return html(req, res, downloadsPage());
    const bios = /^\/static\/bios\/([^/]+)\.dat$/.exec(url.pathname);
    if (bios !== null) {
      const entry = site.bios.find((b) => b.file === bios[1]);
      if (entry === undefined) return false;
      const system: RedumpSystem = { code: entry.file, name: `${entry.name} - BIOS Images`, date: entry.modified.replace(/[^0-9A-Za-z]+/g, '-'), games: 1 };
      // A static file: no Content-Disposition, a Last-Modified; the DAT itself, not zipped.
      return send(req, res, 200, { 'content-type': 'application/octet-stream', 'last-modified': entry.modified }, redumpStyleDat(system));
    }
    const match = /^\/datfile\/([^/]+)\/?$/.exec(url.pathname);
    if (match === null) return false;
    const system = systems.find((s) => s.code.toLowerCase() === match[1]!.toLowerCase());
    if (system === undefined) return false;
    if (system.loginRequired === true && (sessionOf(req)?.userId ?? 1) === 1) {
      // Like the real site: a page, not an error status, where the zip would be.
      return html(
        req,
        res,
        `<!DOCTYPE html><html><head><title>Login required - Redump</title></head><body><main><h1>Access denied</h1><p>You must be logged in to download this datfile. <a href="${site.forumUrl}/ucp.php?mode=login">Login</a></p></main></body></html>`,
      );
    }
    const zip = await zipFor(system);
    return send(
      req,
      res,
      200,
      { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${zipName(system)}"` },
      zip,
    );
  });

  const loginForm = (session: ForumSession, error?: string) =>
    forumPage(
      'Login',
      `<form action="./ucp.php?mode=login" method="post" id="login" data-focus="username">
<div class="panel"><div class="inner"><div class="content">
<h2 class="login-title">Login</h2>
<fieldset class="fields1">
${error !== undefined ? `<div class="error">${escapeHtml(error)}</div>` : ''}
<dl><dt><label for="username">Username:</label></dt><dd><input type="text" tabindex="1" name="username" id="username" size="25" value="" class="inputbox autowidth" /></dd></dl>
<dl><dt><label for="password">Password:</label></dt><dd><input type="password" tabindex="2" id="password" name="password" size="25" class="inputbox autowidth" autocomplete="off" /></dd></dl>
<dl><dd><label for="autologin"><input type="checkbox" name="autologin" id="autologin" tabindex="4" /> Remember me</label></dd>
<dd><label for="viewonline"><input type="checkbox" name="viewonline" id="viewonline" tabindex="5" /> Hide my online status this session</label></dd></dl>
<input type="hidden" name="redirect" value="./ucp.php?mode=login&amp;redirect=index.php" />
<input type="hidden" name="creation_time" value="${Math.floor(Date.now() / 1000)}" />
<input type="hidden" name="form_token" value="${session.formToken}" />
<dl><dt>&nbsp;</dt><dd><input type="hidden" name="sid" value="${session.sid}" />
<input type="submit" name="login" tabindex="6" value="Login" class="button1" /></dd></dl>
</fieldset>
</div></div></div>
</form>`,
    );

  mirror.mount(forumPrefix, async (req, res, url) => {
    if (url.pathname === '/' || url.pathname === '/index.php') {
      // As a real forum behind its web server: the index is a page, not a form target. A client
      // that follows the login's 302 keeping the POST (not as a browser does) lands here.
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        site.refused.push(`${req.method} ${url.pathname}`);
        return send(req, res, 404, { 'content-type': 'text/html; charset=UTF-8' }, forumPage('Information', '<h2>Information</h2><p>The requested page does not exist.</p>'));
      }
      const session = sessionOf(req);
      const who = session !== undefined && session.userId !== 1 ? account.username : 'guest';
      return html(req, res, forumPage('Index page', `<p class="welcome">Welcome, ${escapeHtml(who)}</p>`));
    }
    if (url.pathname !== '/ucp.php' || url.searchParams.get('mode') !== 'login') return false;
    if (req.method === 'GET' || req.method === 'HEAD') {
      const session = sessionOf(req) ?? newSession();
      return html(req, res, loginForm(session), { 'set-cookie': setCookies(session) });
    }
    if (req.method !== 'POST') return false;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    site.logins.push(form);
    const session = sessionOf(req) ?? newSession();
    const fresh = newSession();
    sessions.delete(fresh.sid);
    // phpBB checks the form key (form_token, creation_time, and the session's sid) before the password.
    const keyValid =
      form.get('form_token') === session.formToken &&
      form.get('sid') === session.sid &&
      /^\d+$/.test(form.get('creation_time') ?? '') &&
      form.has('login');
    if (!keyValid) {
      return html(req, res, loginForm(session, 'The submitted form was invalid. Try submitting again.'));
    }
    if (form.get('username') !== account.username || form.get('password') !== account.password) {
      session.formToken = fresh.formToken;
      return html(
        req,
        res,
        loginForm(
          session,
          'You have specified an incorrect password. Please check your password and try again. If you continue to have problems please contact the Board Administrator.',
        ),
      );
    }
    const loggedIn = newSession(2);
    res.writeHead(302, { location: './index.php', 'set-cookie': setCookies(loggedIn), 'content-length': 0 });
    res.end();
    return true;
  });

  return site;
}
