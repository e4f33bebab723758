import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { detectArchiveFormat, extractArchive } from '@rommer/archive';
import {
  CancelledError,
  CredentialsError,
  NetworkError,
  type FetchContext,
  type FetchResult,
  type RemoteVersion,
  type SourceRunContext,
} from '@rommer/core';
import { filenameFromContentDisposition, type DownloadResult } from '@rommer/core/http';
import { parseHtmlPage } from '@rommer/core/html';
import { defaultSiteUrl, type RedumpConfig } from './config.js';
import { datfileDate } from './redump-datfile-name.js';
import { listBiosLinks, listDatfileLinks, selectSystems, type RedumpDatfileLink } from './redump-downloads-page.js';
import { RedumpSession } from './redump-session.js';

/** What the ledger keeps per system (keyed by the lower-case code). */
export interface RedumpSystemState {
  code: string;
  name: string;
  date: string;
  /** The staged DAT, relative to the source's folder. */
  file: string;
}

/** What check() learnt about one system. */
export interface RedumpSystemCheck {
  link: RedumpDatfileLink;
  /** From the HEAD's Content-Disposition; undefined when the answer did not say. */
  date: string | undefined;
  /** The site answered with a page instead of a zip: a logged-in account is needed. */
  loginRequired: boolean;
}

export interface RedumpRemoteDetails {
  systems: RedumpSystemCheck[];
}

// The session (its cookies) stays out of `details`, so nothing secret can end up in output.
const sessions = new WeakMap<RedumpRemoteDetails, RedumpSession>();

function heldSystems(ctx: SourceRunContext<RedumpConfig>): Record<string, RedumpSystemState> {
  const systems = (ctx.held?.state as { systems?: Record<string, RedumpSystemState> } | null | undefined)?.systems;
  return systems ?? {};
}

function isHtml(contentType: unknown): boolean {
  return typeof contentType === 'string' && /text\/html|application\/xhtml/i.test(contentType);
}

async function headSystem(session: RedumpSession, link: RedumpDatfileLink, signal: AbortSignal): Promise<RedumpSystemCheck> {
  let head;
  try {
    head = await session.http.head(link.url, { signal });
  } catch (error) {
    // A server that refuses HEAD cannot tell the date cheaply: the system is then downloaded.
    if (error instanceof NetworkError && (error.status === 405 || error.status === 501)) {
      return { link, date: undefined, loginRequired: false };
    }
    // Refused outright rather than answered with a page: the same "login needed".
    if (error instanceof NetworkError && (error.status === 401 || error.status === 403)) {
      return { link, date: undefined, loginRequired: true };
    }
    throw error;
  }
  if (isHtml(head.headers['content-type'])) return { link, date: undefined, loginRequired: true };
  const name = filenameFromContentDisposition(head.headers['content-disposition'] as string | undefined);
  const date = name !== undefined ? datfileDate(name) : undefined;
  // A BIOS datfile is a plain file: its Last-Modified (or ETag) stands for the date.
  return { link, date: date ?? (isBios(link) ? staticFileVersion(head.headers) : undefined), loginRequired: false };
}

const isBios = (link: RedumpDatfileLink) => link.code.startsWith('bios/');

function staticFileVersion(headers: Record<string, unknown>): string | undefined {
  const value = headers['last-modified'] ?? headers['etag'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** redump.org (and old.redump.info) is a frozen copy since redump moved to redump.info on 2026-06-20. */
export function isFrozenRedumpSite(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'redump.org' || host.endsWith('.redump.org') || host === 'old.redump.info';
  } catch {
    return false;
  }
}

// One warning per run, though check() may run again from fetch().
const warnedFrozen = new WeakSet<AbortSignal>();

/**
 * Reads the downloads page, then HEADs each selected system's datfile link, one at a time: the
 * Content-Disposition date is that system's version, so an unchanged system costs one HEAD.
 */
export async function checkRedump(ctx: SourceRunContext<RedumpConfig>): Promise<RemoteVersion> {
  const session = new RedumpSession(ctx);
  const site = ctx.config.url ?? defaultSiteUrl;
  if (isFrozenRedumpSite(site) && !warnedFrozen.has(ctx.signal)) {
    warnedFrozen.add(ctx.signal);
    ctx.warn(`url ${site} is redump's frozen old site: it no longer updates since redump moved to https://redump.info (2026-06-20); point [sources.redump] url there`);
  }
  const pageUrl = new URL('downloads/', site.endsWith('/') ? site : `${site}/`).href;
  const page = await session.http.getText(pageUrl, { signal: ctx.signal });
  const downloads = parseHtmlPage(page.body, page.url);
  const { selected, unknown } = selectSystems(listDatfileLinks(downloads), ctx.config.systems);
  for (const code of unknown) ctx.warn(`system "${code}" is not on the downloads page; ignored`);
  if (ctx.config.include.includes('bios')) {
    const bios = listBiosLinks(downloads);
    if (bios.length === 0) ctx.warn('include = ["bios"]: the downloads page links no BIOS datfiles; none fetched');
    selected.push(...bios);
  }

  const systems: RedumpSystemCheck[] = [];
  for (const link of selected) systems.push(await headSystem(session, link, ctx.signal));
  // Gated systems: log in once (if credentials are set) and ask again.
  if (systems.some((s) => s.loginRequired) && (await session.ensureLogin()) === 'logged-in') {
    for (const [index, system] of systems.entries()) {
      if (system.loginRequired) systems[index] = await headSystem(session, system.link, ctx.signal);
    }
  }

  const held = heldSystems(ctx);
  // BIOS versions are file times, not datfile dates: they do not name the release.
  const dates = systems.filter((s) => !isBios(s.link)).map((s) => s.date).filter((d): d is string => d !== undefined);
  // Up to date when every system that answered has the date held, and the set of systems is the same.
  const keep = systems.filter((s) => !s.loginRequired || held[s.link.code.toLowerCase()] !== undefined);
  const upToDate =
    ctx.held !== undefined &&
    keep.length === Object.keys(held).length &&
    keep.every((s) => {
      const h = held[s.link.code.toLowerCase()];
      return h !== undefined && (s.loginRequired || (s.date !== undefined && s.date === h.date));
    });
  const details: RedumpRemoteDetails = { systems };
  sessions.set(details, session);
  return {
    version: dates.sort().at(-1) ?? ctx.held?.version ?? 'unknown',
    files: systems.map((s) => ({ path: s.link.code, ...(s.date !== undefined ? { hash: s.date } : {}) })),
    url: pageUrl,
    upToDate,
    details,
  };
}

/** Downloads a datfile zip; undefined when the site answered with a page (or refused): a login is needed. */
async function downloadDatfile(session: RedumpSession, url: string, file: string, signal: AbortSignal): Promise<DownloadResult | undefined> {
  try {
    const download = await session.http.download(url, file, { signal });
    return (await detectArchiveFormat(file)) === 'html' ? undefined : download;
  } catch (error) {
    if (error instanceof NetworkError && (error.status === 401 || error.status === 403)) return undefined;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function copyHeld(ctx: FetchContext<RedumpConfig>, held: RedumpSystemState): Promise<boolean> {
  const from = path.join(ctx.currentDir, held.file);
  if (!(await exists(from))) return false;
  const to = path.join(ctx.stagingDir, held.file);
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.copyFile(from, to);
  return true;
}

/**
 * Stages one DAT per system: unchanged systems are copied from the folder held, the others
 * downloaded one at a time with `delay` seconds between downloads and extracted from their zip.
 * A system that answers with an HTML page needs a login: without credentials it is skipped
 * ("login required"), never taken for a corrupt file.
 */
export async function fetchRedump(ctx: FetchContext<RedumpConfig>): Promise<FetchResult> {
  let details = ctx.remote.details as RedumpRemoteDetails | undefined;
  let session = details !== undefined ? sessions.get(details) : undefined;
  if (details === undefined || session === undefined) {
    details = (await checkRedump(ctx)).details as RedumpRemoteDetails;
    session = sessions.get(details)!;
  }
  const held = heldSystems(ctx);
  const files: string[] = [];
  const changed: string[] = [];
  const state: Record<string, RedumpSystemState> = {};
  const skipped: string[] = [];
  let transferredBytes = 0;
  let downloads = 0;

  const total = details.systems.length;
  for (const [index, system] of details.systems.entries()) {
    if (ctx.signal.aborted) throw new CancelledError();
    const { link } = system;
    const key = link.code.toLowerCase();
    const label = `${link.code} (${link.name})`;
    const before = held[key];
    ctx.progress({ phase: 'downloading', items: index, totalItems: total, item: label });

    const current = !system.loginRequired && system.date !== undefined && before?.date === system.date;
    if (current && ctx.force !== true && (await copyHeld(ctx, before))) {
      files.push(before.file);
      state[key] = before;
      continue;
    }
    if (system.loginRequired && !(await session.loggedIn)) {
      if (before !== undefined && (await copyHeld(ctx, before))) {
        ctx.warn(`${label}: login required; kept the DAT held (${before.date})`);
        files.push(before.file);
        state[key] = before;
      } else {
        ctx.warn(`${label}: skipped (login required)`);
        skipped.push(link.code);
      }
      continue;
    }

    // Be polite: one request at a time, and a pause between downloads.
    if (downloads > 0 && ctx.config.delay > 0) await sleep(ctx.config.delay * 1000, undefined, { signal: ctx.signal });
    downloads += 1;
    const zipFile = path.join(ctx.workDir, `${key.replace(/[^a-z0-9._-]/g, '_')}.zip`);
    const get = () => downloadDatfile(session, link.url, zipFile, ctx.signal);
    let download = await get();
    transferredBytes += download?.transferredBytes ?? 0;
    if (download === undefined && !(await session.loggedIn)) {
      // The HEAD said zip but the download is gated (or the HEAD lied): log in once and retry.
      if ((await session.ensureLogin()) === 'logged-in') {
        download = await get();
        transferredBytes += download?.transferredBytes ?? 0;
      }
    }
    if (download === undefined) {
      const loggedIn = await session.loggedIn;
      ctx.warn(
        loggedIn
          ? `${label}: the site answered with a page instead of the zip even after logging in; skipped (does the account have access?)`
          : `${label}: skipped (login required)`,
      );
      skipped.push(link.code);
      if (before !== undefined && (await copyHeld(ctx, before))) {
        files.push(before.file);
        state[key] = before;
      }
      continue;
    }
    if (isBios(link) && (await detectArchiveFormat(zipFile)) === 'unknown') {
      // A BIOS datfile comes as the DAT itself, not zipped: staged under BIOS/ by its name.
      const name = path.posix.basename(new URL(download.url).pathname);
      const dat = `BIOS/${decodeURIComponent(name).replace(/[\\/]/g, '_')}`;
      await fs.mkdir(path.join(ctx.stagingDir, 'BIOS'), { recursive: true });
      await fs.copyFile(zipFile, path.join(ctx.stagingDir, dat));
      files.push(dat);
      changed.push(dat);
      state[key] = { code: link.code, name: link.name, date: system.date ?? staticFileVersion(download.headers) ?? 'unknown', file: dat };
      continue;
    }
    const extracted = await extractArchive(zipFile, ctx.stagingDir, {
      signal: ctx.signal,
      filter: (entry) => !entry.isDirectory && /\.dat$/i.test(entry.name),
      onWarning: (message) => ctx.warn(message),
    });
    const dat = extracted.files[0];
    if (dat === undefined) {
      ctx.warn(`${label}: the zip holds no DAT; skipped`);
      continue;
    }
    if (extracted.files.length > 1) ctx.warn(`${label}: the zip holds ${extracted.files.length} DATs; keeping all`);
    const date = datfileDate(download.filename ?? '') ?? datfileDate(dat) ?? system.date ?? 'unknown';
    files.push(...extracted.files);
    changed.push(...extracted.files);
    state[key] = { code: link.code, name: link.name, date, file: dat };
  }
  ctx.progress({ phase: 'downloading', items: total, totalItems: total });

  if (files.length === 0 && skipped.length > 0) {
    throw new CredentialsError(
      `every selected Redump system needs a login (${skipped.join(', ')}): set [sources.redump] username and run "rommer login redump"`,
    );
  }
  const dates = Object.values(state)
    .filter((s) => !s.code.startsWith('bios/'))
    .map((s) => s.date)
    .sort();
  return {
    files,
    changed,
    state: { systems: state },
    transferredBytes,
    ...(dates.length > 0 ? { version: dates.at(-1)! } : {}),
  };
}
