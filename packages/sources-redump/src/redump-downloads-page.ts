import { UpstreamChangedError } from '@rommer/core';
import type { HtmlPage } from '@rommer/core/html';

/** One system's datfile link on the downloads page. */
export interface RedumpDatfileLink {
  /** The code in the link, as written (`PSX` on redump.info, `psx` on redump.org). */
  code: string;
  /** The system's name from its table row, or the code when the page shows none. */
  name: string;
  /** The absolute URL, exactly as the page links it (never built by rommer). */
  url: string;
}

// redump.info links `/datfile/PSX`, redump.org linked `/datfile/psx/`: accept both.
const datfilePath = /\/datfile\/([^/?#]+)\/?$/;

/** Every visible datfile link, in page order, one per code. */
export function listDatfileLinks(page: HtmlPage): RedumpDatfileLink[] {
  const seen = new Set<string>();
  const result: RedumpDatfileLink[] = [];
  for (const link of page.links()) {
    if (link.hidden) continue;
    const url = new URL(link.url);
    const code = datfilePath.exec(url.pathname)?.[1];
    if (code === undefined) continue;
    const key = decodeURIComponent(code).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ code: decodeURIComponent(code), name: rowName(page, link.href) ?? decodeURIComponent(code), url: url.href });
  }
  if (result.length === 0) {
    throw new UpstreamChangedError(`Redump page layout changed: no /datfile/ links found on ${page.url}`);
  }
  return result;
}

/** The first cell of the table row holding the link (the system's name), if it is in a table. */
function rowName(page: HtmlPage, href: string): string | undefined {
  const { $ } = page;
  const anchor = $('a[href]').filter((_i, el) => $(el).attr('href') === href).first();
  const firstCell = anchor.closest('tr').children('td').first();
  if (firstCell.length === 0 || firstCell.find('a[href]').length > 0) return undefined;
  const text = firstCell.text().replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/**
 * Narrows the links to the configured `systems` (codes, any case). Codes the page does not list
 * are returned apart so the caller can warn about them.
 */
export function selectSystems(links: RedumpDatfileLink[], wanted: readonly string[]): { selected: RedumpDatfileLink[]; unknown: string[] } {
  if (wanted.length === 0) return { selected: links, unknown: [] };
  const want = new Set(wanted.map((code) => code.toLowerCase()));
  const selected = links.filter((link) => want.has(link.code.toLowerCase()));
  const found = new Set(selected.map((link) => link.code.toLowerCase()));
  return { selected, unknown: wanted.filter((code) => !found.has(code.toLowerCase())) };
}

// BIOS datfiles: `/static/bios/<file>.dat` on redump.info (the links the page gives; never built).
const biosPath = /\/bios\/([^/?#]+?)(?:\.dat)?$/i;

/** Every visible BIOS datfile link, in page order; `code` is `bios/<file name without .dat>`. */
export function listBiosLinks(page: HtmlPage): RedumpDatfileLink[] {
  const seen = new Set<string>();
  const result: RedumpDatfileLink[] = [];
  for (const link of page.links()) {
    if (link.hidden) continue;
    const url = new URL(link.url);
    const file = biosPath.exec(url.pathname)?.[1];
    if (file === undefined) continue;
    const code = `bios/${decodeURIComponent(file)}`;
    if (seen.has(code.toLowerCase())) continue;
    seen.add(code.toLowerCase());
    result.push({ code, name: rowName(page, link.href) ?? (link.text.trim() || code), url: url.href });
  }
  return result;
}
