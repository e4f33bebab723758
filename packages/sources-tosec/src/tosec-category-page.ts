import { UpstreamChangedError } from '@rommer/core';
import type { HtmlPage } from '@rommer/core/html';

/** The pack a release category offers. */
export interface TosecPackLink {
  url: string;
  /** The name the page shows (`TOSEC - DAT Pack - Complete (4743) (TOSEC-v2025-03-13).zip`), if any. */
  name: string | undefined;
}

/**
 * Finds the pack's `?download=` link on a release category page. The file name link and the
 * "Download" button share one URL; when a category offers several files the complete pack wins.
 */
export function findPackLink(page: HtmlPage): TosecPackLink {
  const candidates = new Map<string, TosecPackLink>();
  for (const link of page.links()) {
    if (link.hidden) continue;
    const url = new URL(link.url);
    if (!url.searchParams.has('download')) continue;
    const known = candidates.get(url.href);
    const name = /\.zip$/i.test(link.text) ? link.text : undefined;
    if (known === undefined) candidates.set(url.href, { url: url.href, name });
    else if (known.name === undefined && name !== undefined) known.name = name;
  }
  const packs = [...candidates.values()];
  const pack = packs.find((p) => /complete/i.test(p.name ?? p.url)) ?? packs[0];
  if (pack === undefined) {
    throw new UpstreamChangedError(`TOSEC page layout changed: no pack download link on ${page.url}`);
  }
  return pack;
}

/** The release date in a pack name such as `… (TOSEC-v2025-03-13).zip`, if it carries one. */
export function packDate(name: string): string | undefined {
  return /\(TOSEC-v(\d{4}-\d{2}-\d{2})\)/i.exec(name)?.[1];
}
