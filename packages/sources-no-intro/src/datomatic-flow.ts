import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { detectArchiveFormat } from '@rommer/archive';
import { CancelledError, describeError, NetworkError, UpstreamChangedError, type ProgressUpdate } from '@rommer/core';
import { controlLabel, formSubmission, parseHtmlPage, type HtmlPage } from '@rommer/core/html';
import { CookieJar, HttpClient } from '@rommer/core/http';
import {
  alternativesHint,
  dailyFormDate,
  dailyPageUrl,
  dailySubmitControl,
  findDailyForm,
  findDownloadControl,
  isManagerUrl,
  refusalNotice,
  type FormSelection,
} from './datomatic-page.js';

/**
 * DAT-o-MATIC's daily-pack flow, politely: one cookie session, every request sent once (no
 * retries against the site), a pause between the two form steps, and a clear stop — naming the
 * alternatives — whenever the site refuses or the flow cannot be followed.
 */

export interface DailyPage {
  /** The session's client (its own cookie jar). */
  http: HttpClient;
  page: HtmlPage;
  form: FormSelection;
  /** The pack date, when the daily form shows one. */
  date: string | undefined;
}

export interface SessionOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** DAT-o-MATIC said no (throttled, suspended, banned, a captcha, an error status): the source cools down. */
export class DatomaticRefusedError extends NetworkError {
  /** What the site did and said, for the source's own message: `says downloads are suspended ("…")`. */
  readonly reason: string;
  constructor(reason: string, status?: number) {
    super(`no-intro: DAT-o-MATIC ${reason}. Instead: ${alternativesHint}`, {
      ...(status !== undefined ? { status } : {}),
    });
    this.reason = reason;
  }
}

function refused(what: string, notice: string | undefined, status?: number): DatomaticRefusedError {
  const said = notice !== undefined ? ` ("${notice}")` : '';
  return new DatomaticRefusedError(`${what}${said}`, status);
}

/** A request to the site that failed on the way (refused, reset, timed out): the same one line with the alternatives. */
async function onSite<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof NetworkError) {
      throw new NetworkError(`no-intro: DAT-o-MATIC could not be reached (${error.message}). Instead: ${alternativesHint}`, {
        cause: error,
        ...(error.status !== undefined ? { status: error.status } : {}),
      });
    }
    throw error;
  }
}

/** Explains a page that came where the flow expected something else. */
function unexpectedPage(html: string, url: string, status: number, expected: string): Error {
  const notice = refusalNotice(parseHtmlPage(html, url).$);
  if (notice !== undefined || status >= 400) {
    return refused(status >= 400 ? `answered HTTP ${status}` : 'refuses downloads', notice, status);
  }
  return new UpstreamChangedError(`no-intro: DAT-o-MATIC ${expected}; the site changed and rommer will not guess. Instead: ${alternativesHint}`);
}

/** GET the daily download page in a new cookie session and find its pack form. */
export async function openDailyPage(baseUrl: string, options: SessionOptions): Promise<DailyPage> {
  const http = new HttpClient({ cookieJar: new CookieJar(), timeoutMs: options.timeoutMs, retries: 0 });
  const url = dailyPageUrl(baseUrl);
  const response = await onSite(() =>
    http.request(url, { retry: false, allowErrorStatus: true, ...(options.signal !== undefined ? { signal: options.signal } : {}) }),
  );
  if (response.status >= 400) throw unexpectedPage(response.body, response.url, response.status, 'refused the download page');
  const page = parseHtmlPage(response.body, response.url);
  const form = findDailyForm(page);
  if (form === undefined) {
    throw unexpectedPage(response.body, response.url, response.status, 'shows no daily-pack form rommer recognises');
  }
  return { http, page, form, date: dailyFormDate(page, form) };
}

export interface DownloadPackOptions {
  /** Optional sets to tick, matched against the option labels ("aftermarket"). */
  include: string[];
  /** Pause between submitting the form and asking for the pack (ms). */
  stepDelayMs: number;
  /** Where the pack is written. */
  workDir: string;
  signal?: AbortSignal;
  progress?: (update: ProgressUpdate) => void;
  warn?: (message: string) => void;
}

export interface DownloadedPack {
  file: string;
  /** The server's name for it (`No-Intro Love Pack (Standard DAT) (2026-11-20).zip`). */
  name: string;
  transferredBytes: number;
  /** Submit buttons on the manager page that were hidden (decoys) and left alone. */
  decoysIgnored: number;
}

/** Submits the daily form, follows the redirect to the manager page and presses its visible button. */
export async function downloadDailyPack(daily: DailyPage, options: DownloadPackOptions): Promise<DownloadedPack> {
  const { http, page, form } = daily;
  const signalOption = options.signal !== undefined ? { signal: options.signal } : {};

  // Step 1: the daily form, filled from its own fields; `include` ticks options by their label.
  const submitter = dailySubmitControl(page, form);
  const wanted = options.include.map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
  const matched = new Set<string>();
  const labels: string[] = [];
  const prepare = formSubmission(page.$, form, {
    pageUrl: page.url,
    baseUrl: page.baseUrl,
    submitter,
    checked: (el) => {
      if ((page.$(el).attr('type') ?? '').toLowerCase() !== 'checkbox') return undefined;
      const text = controlLabel(page.$, el).toLowerCase();
      labels.push(text);
      const hit = wanted.find((item) => text.includes(item));
      if (hit === undefined) return undefined;
      matched.add(hit);
      return true;
    },
  });
  for (const item of wanted.filter((w) => !matched.has(w))) {
    options.warn?.(`no-intro: include "${item}" matches no option of the daily form (${labels.join(', ') || 'none'}); ignored`);
  }
  options.progress?.({ phase: 'downloading', message: 'submitting the daily form' });
  const prepared = await onSite(() =>
    http.request(prepare.action, {
      method: prepare.method,
      ...(prepare.method === 'POST' ? { form: prepare.fields } : {}),
      followRedirect: false,
      retry: false,
      allowErrorStatus: true,
      ...signalOption,
    }),
  );
  const location = prepared.headers.location;
  if (prepared.status < 300 || prepared.status >= 400 || typeof location !== 'string') {
    throw unexpectedPage(prepared.body, prepared.url, prepared.status, `did not accept the daily form (HTTP ${prepared.status}, no redirect to the download manager)`);
  }
  const managerUrl = new URL(location, prepare.action).toString();
  if (!isManagerUrl(managerUrl)) {
    throw new UpstreamChangedError(
      `no-intro: DAT-o-MATIC sent the daily form to an unexpected page (${new URL(managerUrl).search || managerUrl}); the site changed. Instead: ${alternativesHint}`,
    );
  }

  // A person takes a moment between the two pages; so does rommer.
  await sleep(options.stepDelayMs, undefined, signalOption).catch(() => {
    throw new CancelledError();
  });

  // Step 2: the manager page; press its one visible button with the same session.
  const managerResponse = await onSite(() => http.request(managerUrl, { retry: false, allowErrorStatus: true, ...signalOption }));
  if (managerResponse.status >= 400) {
    throw unexpectedPage(managerResponse.body, managerResponse.url, managerResponse.status, 'refused the download manager page');
  }
  const manager = parseHtmlPage(managerResponse.body, managerResponse.url);
  let control;
  try {
    control = findDownloadControl(manager);
  } catch (error) {
    const notice = refusalNotice(manager.$);
    if (notice !== undefined) throw refused('refuses downloads', notice);
    throw error;
  }
  const download = formSubmission(manager.$, control.form, {
    pageUrl: manager.url,
    baseUrl: manager.baseUrl,
    submitter: control.submitter,
  });
  await fs.mkdir(options.workDir, { recursive: true });
  const file = path.join(options.workDir, 'no-intro-daily-pack.zip');
  let result;
  try {
    result = await http.download(download.action, file, {
      method: download.method,
      ...(download.method === 'POST' ? { form: download.fields } : {}),
      retry: false,
      ...signalOption,
      onProgress: (p) => options.progress?.({ phase: 'downloading', bytes: p.bytes, ...(p.totalBytes !== undefined ? { totalBytes: p.totalBytes } : {}) }),
    });
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    const status = error instanceof NetworkError ? error.status : undefined;
    // An error status is the site refusing; a reset or a timeout on the way is not (no cool-down).
    if (status !== undefined) throw refused(`did not deliver the pack (${describeError(error)})`, undefined, status);
    throw new NetworkError(`no-intro: DAT-o-MATIC did not deliver the pack (${describeError(error)}). Instead: ${alternativesHint}`, {
      cause: error,
    });
  }
  const format = await detectArchiveFormat(file);
  if (format === 'html' || format === 'unknown') {
    const text = (await fs.readFile(file)).subarray(0, 1 << 20).toString('utf8');
    await fs.rm(file, { force: true });
    throw unexpectedPage(text, result.url, result.status, 'answered the download button with something that is not a zip');
  }
  return {
    file,
    name: result.filename ?? 'No-Intro Love Pack.zip',
    transferredBytes: result.transferredBytes,
    decoysIgnored: control.hiddenControls,
  };
}
