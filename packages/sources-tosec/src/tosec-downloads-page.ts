import { UpstreamChangedError } from '@rommer/core';
import type { HtmlPage } from '@rommer/core/html';

/** One release category on the TOSEC downloads page. */
export interface TosecRelease {
  /** The release date, `YYYY-MM-DD`: rommer's version for TOSEC. */
  date: string;
  /** Phoca Download's category number. */
  category: number;
  /** The category page's absolute URL, as the page links it. */
  url: string;
}

// A release category ends in `<n>-<YYYY-MM-DD>`; tool, document and WIP categories
// ("4-2009-07-12-toseciso-wip") do not match and are left alone.
const releasePath = /\/downloads\/category\/(\d+)-(\d{4}-\d{2}-\d{2})\/?$/;

function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

/** Every visible release category the page links, newest first (the menu itself is unordered). */
export function listReleases(page: HtmlPage): TosecRelease[] {
  const byDate = new Map<string, TosecRelease>();
  for (const link of page.links()) {
    // Hidden links are scraper traps: a person cannot click them, so rommer does not follow them.
    if (link.hidden) continue;
    const url = new URL(link.url);
    const match = releasePath.exec(url.pathname);
    if (match === null || url.search !== '') continue;
    const [, category, date] = match as unknown as [string, string, string];
    if (!isRealDate(date)) continue;
    const release = { date, category: Number(category), url: url.href };
    const known = byDate.get(date);
    if (known === undefined || release.category > known.category) byDate.set(date, release);
  }
  return [...byDate.values()].sort((a, b) => (a.date === b.date ? b.category - a.category : a.date < b.date ? 1 : -1));
}

/** The newest release; an UpstreamChangedError when the page holds none. */
export function newestRelease(page: HtmlPage): TosecRelease {
  const newest = listReleases(page)[0];
  if (newest === undefined) {
    throw new UpstreamChangedError(`TOSEC page layout changed: no release category found on ${page.url}`);
  }
  return newest;
}
