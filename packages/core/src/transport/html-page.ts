import * as cheerio from 'cheerio';

/** A link on a page, resolved to an absolute URL the way a browser would. */
export interface HtmlLink {
  /** Absolute URL (the page's `<base href>` applied). */
  url: string;
  /** The `href` attribute as written. */
  href: string;
  /** Visible text, whitespace collapsed. */
  text: string;
  /** Hidden from a person (display:none, visibility:hidden, off-screen, `hidden`): a honeypot. */
  hidden: boolean;
}

/** A form's target and the fields a browser would send (submit controls listed apart). */
export interface HtmlFormData {
  /** Absolute URL the form posts to. */
  action: string;
  method: 'GET' | 'POST';
  /** Named inputs, selects and textareas with their current values (checked boxes only). */
  fields: Record<string, string>;
  /** Named submit controls, in page order; a browser sends only the one that was clicked. */
  submits: { name: string; value: string; hidden: boolean }[];
  /** Names of password inputs. */
  passwordFields: string[];
}

export interface HtmlPage {
  /** The URL the page was fetched from (after redirects). */
  readonly url: string;
  /** The URL links resolve against: `<base href>` when present, else `url`. */
  readonly baseUrl: string;
  readonly title: string;
  /** The cheerio document, for page-specific queries. */
  readonly $: cheerio.CheerioAPI;
  /** Links (`a[href]`) inside elements matching `selector` (the whole page when absent). */
  links(selector?: string): HtmlLink[];
  /** Resolves an href against the page's base; undefined when it is not a usable http(s) URL. */
  resolve(href: string): string | undefined;
  /** Every form on the page, read as a browser would submit it. */
  forms(): HtmlFormData[];
}

// A cheerio selection of elements (cheerio does not re-export domhandler's Element type).
type Selection = ReturnType<ReturnType<cheerio.CheerioAPI['root']>['find']>;

const hiddenStyle = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:;|$)/i;
const offScreen = /(?:top|left)\s*:\s*-\d{2,}/i;

/**
 * True when an element (or an ancestor) is hidden from a person. Scraper traps (TOSEC's
 * "hpot" links) hide links this way; a person never clicks them, so neither does rommer.
 */
function isHidden($: cheerio.CheerioAPI, selection: Selection): boolean {
  return selection
    .add(selection.parents())
    .toArray()
    .some((node) => {
      const el = $(node);
      if (el.attr('hidden') !== undefined || el.attr('aria-hidden') === 'true') return true;
      if (el.is('input[type="hidden"]')) return true;
      const style = el.attr('style') ?? '';
      return hiddenStyle.test(style) || (/position\s*:\s*absolute/i.test(style) && offScreen.test(style));
    });
}

/** A 1x1 (or 0-sized) image: a tracking pixel or a trap, not something to click. */
function isTiny(img: Selection): boolean {
  const size = (name: string) => Number.parseInt(img.attr(name) ?? '', 10);
  return size('width') <= 1 || size('height') <= 1;
}

function resolveHref(href: string, base: string): string | undefined {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^(?:javascript|mailto|data):/i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Parses an HTML page with cheerio and resolves links against its `<base href>` (TOSEC's pages
 * carry one), so sources follow the links the page gives instead of building URLs.
 */
export function parseHtmlPage(html: string, pageUrl: string): HtmlPage {
  const $ = cheerio.load(html);
  const baseHref = $('head base[href], base[href]').first().attr('href');
  const baseUrl = (baseHref !== undefined ? resolveHref(baseHref, pageUrl) : undefined) ?? pageUrl;

  const links = (selector?: string): HtmlLink[] => {
    const anchors = selector === undefined ? $('a[href]') : $(selector).find('a[href]').add($(selector).filter('a[href]'));
    const result: HtmlLink[] = [];
    anchors.each((_index, element) => {
      const href = $(element).attr('href') ?? '';
      const url = resolveHref(href, baseUrl);
      if (url === undefined) return;
      const anchor = $(element);
      const text = collapse(anchor.text());
      // Honeypots also hide inside the anchor: text in a hidden span, a 1x1 image, an empty box.
      const visibleText = collapse(
        anchor
          .find('*')
          .toArray()
          .filter((node) => isHidden($, $(node)))
          .reduce((rest, node) => rest.replace($(node).text(), ''), anchor.text()),
      );
      const visibleImages = anchor.find('img').filter((_i, img) => !isTiny($(img)) && !isHidden($, $(img))).length;
      const invisible = isHidden($, anchor) || (visibleText === '' && visibleImages === 0);
      result.push({ url, href, text, hidden: invisible });
    });
    return result;
  };

  const forms = (): HtmlFormData[] =>
    $('form')
      .toArray()
      .map((form) => readForm($, $(form), baseUrl, pageUrl));

  return {
    url: pageUrl,
    baseUrl,
    title: collapse($('title').first().text()),
    $,
    links,
    resolve: (href) => resolveHref(href, baseUrl),
    forms,
  };
}

function readForm($: cheerio.CheerioAPI, el: Selection, baseUrl: string, pageUrl: string): HtmlFormData {
  const actionAttr = el.attr('action');
  // An empty or missing action posts back to the page itself.
  const action = (actionAttr !== undefined && actionAttr.trim() !== '' ? resolveHref(actionAttr, baseUrl) : undefined) ?? pageUrl;
  const method = (el.attr('method') ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET';
  const fields: Record<string, string> = {};
  const submits: HtmlFormData['submits'] = [];
  const passwordFields: string[] = [];

  el.find('input[name], select[name], textarea[name], button[name]').each((_index, control) => {
    const c = $(control);
    const name = c.attr('name') ?? '';
    if (name === '' || c.attr('disabled') !== undefined) return;
    const tag = control.tagName.toLowerCase();
    const type = (c.attr('type') ?? (tag === 'button' ? 'submit' : 'text')).toLowerCase();
    if (tag === 'button' || type === 'submit' || type === 'image') {
      submits.push({ name, value: c.attr('value') ?? '', hidden: isHidden($, c) });
      return;
    }
    if (type === 'button' || type === 'reset' || type === 'file') return;
    if ((type === 'checkbox' || type === 'radio') && c.attr('checked') === undefined) return;
    if (type === 'password') passwordFields.push(name);
    if (tag === 'select') {
      const selected = c.find('option[selected]').first();
      const option = selected.length > 0 ? selected : c.find('option').first();
      fields[name] = option.attr('value') ?? collapse(option.text());
      return;
    }
    if (tag === 'textarea') {
      fields[name] = c.text();
      return;
    }
    fields[name] = c.attr('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '');
  });

  return { action, method, fields, submits, passwordFields };
}
