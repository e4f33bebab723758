import type http from 'node:http';
import type { Mirror } from '../server.js';
import { tosecPackFiles, zipFiles, type ZipFileSpec } from './tosec-pack.js';

/** A category on the imitation's downloads menu: a dated release (with a pack) or anything else. */
export interface TosecCategory {
  /** Phoca Download's category number. */
  id: number;
  /** The slug after `<id>-`: a date for releases, e.g. `2009-07-12-toseciso-wip` or `tools` otherwise. */
  slug: string;
  /** Shown text. */
  title: string;
  /** Release packs only: the files inside (default: a small pack in the real folder layout). */
  files?: ZipFileSpec[];
}

export interface TosecSite {
  /** `${mirror.url}/tosec/downloads`: the value for `[sources.tosec] url`. */
  readonly downloadsUrl: string;
  /** Releases and other categories, in menu order (deliberately not date order). */
  readonly categories: TosecCategory[];
  /** Publishes a new release (put first in the menu, as the real site does). */
  addRelease(date: string, files?: ZipFileSpec[]): TosecCategory;
  /** "changed": the downloads page is redesigned and links no release category any more. */
  layout: 'normal' | 'changed';
  /** The pack bytes served for a release date (built once). */
  packBytes(date: string): Promise<Buffer>;
  /** The Content-Disposition file name of a release's pack. */
  packName(date: string): string;
}

const isDate = (slug: string) => /^\d{4}-\d{2}-\d{2}$/.test(slug);

/** Older releases, in the unordered menu order of the real page, plus its non-release categories. */
function defaultCategories(): TosecCategory[] {
  const releases: [number, string][] = [
    [58, '2024-05-17'],
    [57, '2023-07-10'],
    [40, '2017-08-01'],
    [41, '2017-11-01'],
    [37, '2016-07-02'],
    [20, '2013-04-13'],
    [36, '2016-01-03'],
    [59, '2025-03-13'],
    [3, '2006-02-11'],
  ];
  return [
    ...releases.map(([id, date]) => ({ id, slug: date, title: date })),
    { id: 4, slug: '2009-07-12-toseciso-wip', title: '2009-07-12 (toseciso wip)' },
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The Joomla/Phoca page frame of the real site: `<base href>`, menu, honeypot block, footer. */
function frame(origin: string, prefix: string, base: string, title: string, content: string): string {
  const hpot = `${origin}${prefix}/hpot/universal.php`;
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">

<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en-gb" lang="en-gb">

<head>
<base href="${base}" />
	<meta http-equiv="content-type" content="text/html; charset=utf-8" />
	<meta name="generator" content="Joomla! - Open Source Content Management" />
	<title>${escapeHtml(title)}</title>
	<link href="${prefix}/index.php?jat3action=gzip&amp;jat3type=css" rel="stylesheet" type="text/css" />
</head>
<body id="bd" class="bd fs3 com_phocadownload">
<div id="ja-wrapper">
<ul class="megamenu level0"><li  class="mega first"><a href="${origin}${prefix}/"  class="mega first" id="menu127" title="Home"><span class="menu-title">Home</span></a></li><li  class="mega haschild"><a href="${prefix}/news"  class="mega haschild" id="menu6" title="News"><span class="menu-title">News</span></a></li><li  class="mega active"><a href="${prefix}/downloads"  class="mega active" id="menu147" title="Downloads"><span class="menu-title">Downloads</span></a></li><li  class="mega"><a href="${prefix}/./forum"  class="mega" id="menu13" title="Forum"><span class="menu-title">Forum</span></a></li></ul>
<ul class="no-display"><li><a href="#ja-content" title="Skip to content">Skip to content</a></li></ul>
<div id="ja-content" class="column" style="width:100%">
${content}
</div>
<div id="ja-navhelper"><strong>You are here: </strong><a href="${prefix}/" class="pathway">Home</a> Downloads
<ul><li class="top"><a href="javascript:scroll(0,0)" title="Back to top">Top</a></li></ul></div>
           <!-- hpot protection -->
<a href="${hpot}"><!-- no --></a> <a href="${hpot}"><img src="/no.gif" height="1" width="1" border="0"></a> <a href="${hpot}" style="display: none;">no</a> <div style="display: none;"><a href="${hpot}">no</a></div> <a href="${hpot}"></a> <!-- <a href="${hpot}">no</a> --> <div style="position: absolute; top: -250px; left: -250px;"><a href="${hpot}">no</a></div> <a href="${hpot}"><span style="display: none;">no</span></a> <a href="${hpot}"><div style="height: 0px; width: 0px;"></div></a>
<div style="display: none;"><div class="pd-subcategory"><a href="${prefix}/downloads/category/99-2099-01-01">2099-01-01</a></div></div>
<div id="ja-footer"><small>Copyright &#169; 2026 TOSEC Project Homepage. All Rights Reserved.</small></div>
</div>
</body>
</html>
`;
}

/** An imitation of tosecdev.org/downloads (Joomla + Phoca Download), mounted under `prefix`. */
export function mountTosec(mirror: Mirror, options: { prefix?: string; categories?: TosecCategory[] } = {}): TosecSite {
  const prefix = options.prefix ?? '/tosec';
  const categories = options.categories ?? defaultCategories();
  const packs = new Map<string, Promise<Buffer>>();

  const release = (date: string) => categories.find((c) => c.slug === date && isDate(c.slug));
  const packName = (date: string) => {
    const count = (release(date)?.files ?? tosecPackFiles(date)).filter((f) => f.name.endsWith('.dat')).length;
    return `TOSEC - DAT Pack - Complete (${count}) (TOSEC-v${date}).zip`;
  };
  const packBytes = (date: string) => {
    let pack = packs.get(date);
    if (pack === undefined) {
      pack = zipFiles(release(date)?.files ?? tosecPackFiles(date));
      packs.set(date, pack);
    }
    return pack;
  };
  const downloadSlug = (category: TosecCategory) =>
    `${category.id + 58}:tosec-dat-pack-complete-${packName(category.slug).match(/\((\d+)\)/)?.[1] ?? '0'}-tosec-v${category.slug}`;

  const site: TosecSite = {
    downloadsUrl: `${mirror.url}${prefix}/downloads`,
    categories,
    layout: 'normal',
    addRelease(date, files) {
      const id = Math.max(...categories.map((c) => c.id)) + 1;
      const category: TosecCategory = { id, slug: date, title: date, ...(files !== undefined ? { files } : {}) };
      categories.unshift(category);
      return category;
    },
    packBytes,
    packName,
  };

  const downloadsPage = (origin: string) => {
    if (site.layout === 'changed') {
      const list = categories
        .filter((c) => isDate(c.slug))
        .map((c) => `<li><a href="${prefix}/releases/${c.slug}">Release ${c.title}</a></li>`)
        .join('\n');
      return frame(origin, prefix, `${origin}${prefix}/downloads`, 'Downloads', `<h2>Releases</h2><ul class="release-list">\n${list}\n</ul>`);
    }
    const subcategories = categories
      .map((c) => `<div class="pd-subcategory"><a href="${prefix}/downloads/category/${c.id}-${c.slug}">${escapeHtml(c.title)}</a></div>`)
      .join('\n');
    const mostDownloaded = categories
      .filter((c) => isDate(c.slug))
      .slice(0, 3)
      .map(
        (c) =>
          `<div class="pd-filename"><div class="pd-document16"><a href="${prefix}/downloads/category/${c.id}-${c.slug}">${escapeHtml(packName(c.slug).replace(/\.zip$/, ''))}</a> <small>(${c.slug})</small></div></div>`,
      )
      .join('\n');
    return frame(
      origin,
      prefix,
      `${origin}${prefix}/downloads`,
      'Downloads',
      `<div id="phoca-dl-categories-box" class="pd-categories-view"><div class="pd-categoriesbox"><div class="pd-title"><a href="${prefix}/downloads/category/22-datfiles">Datfiles</a> <small>(${categories.length}/51)</small></div>${subcategories}
</div><div class="pd-categoriesbox"><div class="pd-title"><a href="${prefix}/downloads/category/23-tools">Tools</a> <small>(4/2)</small></div><div class="pd-subcategory"><a href="${prefix}/downloads/category/25-adf-workshop">ADF-Workshop</a></div>
<div class="pd-subcategory"><a href="${prefix}/downloads/category/8-tosec-dat-explorer">TOSEC Dat Explorer</a></div>
</div><div class="pd-categoriesbox"><div class="pd-title"><a href="${prefix}/downloads/category/24-documents">Documents</a> <small>(1/5)</small></div><div class="pd-subcategory"><a href="${prefix}/downloads/category/5-tosec-naming-convention">Tosec Naming Convention</a></div>
</div><div class="pd-cb"></div></div><div id="phoca-dl-most-viewed-box"><div class="pd-documents"><h3>Most downloaded files</h3>${mostDownloaded}
</div></div>`,
    );
  };

  const categoryPage = (origin: string, category: TosecCategory) => {
    const self = `${prefix}/downloads/category/${category.id}-${category.slug}`;
    const file = isDate(category.slug)
      ? `<div class="pd-filebox"><div class="pd-filenamebox"><div class="pd-filename"><div class="pd-document16"><div class="pd-float"><a class="" href="${self}?download=${downloadSlug(category)}" >${escapeHtml(packName(category.slug))}</a></div></div></div></div>
<div class="pd-buttons"><div class="pd-button-download"><a class="btn btn-success" href="${self}?download=${downloadSlug(category)}" >Download</a></div></div><div class="pd-buttons"><div class="pd-button-details"><a class="btn btn-info" onmouseover="return overlib('Details');" onmouseout="return nd();"
 href="#">Details</a></div></div><div class="pd-cb"></div></div><div class="pd-textonly"><p>*******************************<br />The Old School Emulation Center<br />${category.slug}<br /></p></div>`
      : '<div class="pd-textonly"><p>No files.</p></div>';
    return frame(
      origin,
      prefix,
      `${origin}${self}`,
      category.title,
      `<div id="phoca-dl-category-box" class="pd-category-view"><div class="pd-category"><div class="pdtop"><a title="Datfiles" href="${prefix}/downloads/category/22-datfiles" ><img src="/media/com_phocadownload/images/up.png" alt="Up" /></a></div><h3 class="pd-ctitle">${escapeHtml(category.title)}</h3>${file}</div></div>`,
    );
  };

  const html = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };

  mirror.mount(prefix, async (req, res, url) => {
    const origin = mirror.url;
    if (url.pathname === '/downloads' || url.pathname === '/downloads/') return html(req, res, downloadsPage(origin));
    const match = /^\/downloads\/category\/(\d+)-([\w-]+)$/.exec(url.pathname);
    if (match === null) return false;
    const category = categories.find((c) => c.id === Number(match[1]) && c.slug === match[2]);
    if (category === undefined) return false;
    const download = url.searchParams.get('download');
    if (download === null) return html(req, res, categoryPage(origin, category));
    if (!isDate(category.slug) || download !== downloadSlug(category)) return false;
    const pack = await packBytes(category.slug);
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-length': pack.length,
      'content-disposition': `attachment; filename="${packName(category.slug)}"`,
      'accept-ranges': 'bytes',
    });
    res.end(req.method === 'HEAD' ? undefined : pack);
    return true;
  });
  return site;
}
