import path from 'node:path';
import { ArchiveError, detectArchiveFormat, extractArchive } from '@rommer/archive';
import {
  UsageError,
  type FetchContext,
  type FetchResult,
  type RemoteVersion,
  type SourceRunContext,
} from '@rommer/core';
import { displayUrl } from '@rommer/core/http';
import { parseHtmlPage } from '@rommer/core/html';
import { defaultDownloadsUrl, type TosecConfig } from './config.js';
import { findPackLink, packDate, type TosecPackLink } from './tosec-category-page.js';
import { newestRelease, type TosecRelease } from './tosec-downloads-page.js';
import { throttle } from './throttle.js';

/** What check() found, handed to fetch() so the pages are not read twice. */
export interface TosecRemoteDetails {
  release: TosecRelease;
  pack: TosecPackLink;
}

async function discover(ctx: SourceRunContext<TosecConfig>): Promise<TosecRemoteDetails> {
  const downloadsUrl = ctx.config.url ?? defaultDownloadsUrl;
  const downloads = await ctx.http.getText(downloadsUrl, { signal: ctx.signal });
  const release = newestRelease(parseHtmlPage(downloads.body, downloads.url));
  const category = await ctx.http.getText(release.url, { signal: ctx.signal });
  const pack = findPackLink(parseHtmlPage(category.body, category.url));
  return { release, pack };
}

/** The release date of a pack the user downloaded (`--from-file`), from its name. */
function fromFileDate(file: string): string {
  const date = packDate(path.basename(file));
  if (date === undefined) {
    throw new UsageError(`--from-file: ${path.basename(file)} is not named like a TOSEC pack ("… (TOSEC-vYYYY-MM-DD).zip")`);
  }
  return date;
}

/**
 * Two page reads: the downloads menu (newest release by date) and that release's category page.
 * With `--from-file`, the pack's name gives the version and the site is not asked at all.
 */
export async function checkTosec(ctx: SourceRunContext<TosecConfig>): Promise<RemoteVersion> {
  if (ctx.fromFile !== undefined) return { version: fromFileDate(ctx.fromFile), url: ctx.fromFile };
  const details = await discover(ctx);
  return { version: details.release.date, url: details.pack.url, details };
}

function isDetails(value: unknown): value is TosecRemoteDetails {
  return typeof value === 'object' && value !== null && 'release' in value && 'pack' in value;
}

/**
 * Downloads the pack and extracts it whole under `TOSEC-v<date>/` in the staging folder; the
 * orchestrator then swaps it in for the previous release. Only `.dat` files are reported.
 */
export async function fetchTosec(ctx: FetchContext<TosecConfig>): Promise<FetchResult> {
  if (ctx.fromFile !== undefined) {
    const date = fromFileDate(ctx.fromFile);
    const files = await extractPack(ctx, ctx.fromFile, path.basename(ctx.fromFile), date);
    return { files, version: date, transferredBytes: 0, state: { pack: path.basename(ctx.fromFile), category: null } };
  }
  const { release, pack } = isDetails(ctx.remote.details) ? ctx.remote.details : await discover(ctx);
  const zipFile = path.join(ctx.workDir, 'tosec-pack.zip');
  const report = throttle(ctx.progress, 250);
  ctx.progress({ phase: 'downloading', item: pack.name ?? pack.url });
  const download = await ctx.http.download(pack.url, zipFile, {
    signal: ctx.signal,
    onProgress: ({ bytes, totalBytes }) => report({ phase: 'downloading', bytes, ...(totalBytes !== undefined ? { totalBytes } : {}) }),
  });
  report.flush();

  const name = download.filename ?? pack.name ?? '';
  const format = await detectArchiveFormat(zipFile);
  if (format === 'html') {
    throw new ArchiveError(`TOSEC: ${displayUrl(pack.url)} answered with an HTML page where the pack (a zip) was due`, {
      archive: zipFile,
    });
  }
  // The pack's own name is the authority for the folder; the menu date is the fallback.
  const date = packDate(name) ?? release.date;
  if (date !== release.date) {
    ctx.warn(`the newest category is dated ${release.date} but its pack is ${name}; keeping the pack's date`);
  }
  const files = await extractPack(ctx, zipFile, name, date);
  return {
    files,
    version: date,
    transferredBytes: download.transferredBytes,
    state: { pack: name, category: release.url },
  };
}

/** Extracts the whole pack under `TOSEC-v<date>/` in staging; returns the DATs, relative to staging. */
async function extractPack(ctx: FetchContext<TosecConfig>, zipFile: string, name: string, date: string): Promise<string[]> {
  const report = throttle(ctx.progress, 250);
  const folder = `TOSEC-v${date}`;
  const extracted = await extractArchive(zipFile, path.join(ctx.stagingDir, folder), {
    signal: ctx.signal,
    // A badly encoded name in a real pack is read with a warning rather than aborting the release.
    onWarning: (message) => ctx.warn(message.split(zipFile).join(name || 'the pack')),
    onProgress: (p) =>
      report({ phase: 'extracting', items: p.entries, totalItems: p.totalEntries, bytes: p.bytes, totalBytes: p.totalBytes, item: p.entry }),
  });
  report.flush();
  return extracted.files.filter((file) => /\.dat$/i.test(file)).map((file) => `${folder}/${file}`);
}
