import { formControls, formSubmission, isSubmitControl, visibleSubmitControls, type HtmlPage } from '@rommer/core/html';
import { UpstreamChangedError } from '@rommer/core';

// cheerio's types, as core hands them out (this package depends on core only).
type CheerioAPI = HtmlPage['$'];
export type FormSelection = Parameters<typeof visibleSubmitControls>[1];
export type HtmlElement = ReturnType<typeof visibleSubmitControls>[number];

/**
 * Reading DAT-o-MATIC's pages by their structure, never by field or button names (the site
 * renames them on purpose): the daily form is the POST form that goes back to the download page
 * and carries the pack options; the button to press is the one a person can see.
 */

/**
 * What to tell the user whenever the form flow cannot be used. Short, and without the source's
 * name: the message already starts with it, and the reporter adds that the DATs held are kept.
 */
export const alternativesHint = 'use --from-file PACK.zip (saved from a browser) or mode = "mirror"';

export function dailyPageUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/index.php?page=download&op=daily`;
}

// What DAT-o-MATIC's outage and throttle pages say ("temporarily throttled", "temporary suspended",
// "services may be down"), and what ban pages say.
const suspensionWords = [
  /suspend/i,
  /throttl/i,
  /services? (?:may|might) be down/i,
  /temporar(?:il)?y\s+(?:disabled|unavailable|closed|offline)/i,
  /too many (?:requests|downloads)/i,
  /try again later/i,
  /\bbanned\b/i,
  /\bblocked\b/i,
  /automated requests/i,
  /maintenance/i,
];

const says = (text: string) => suspensionWords.some((word) => word.test(text));

/**
 * The words of a page that say downloads are suspended, throttled or refused, if any: the text of
 * the innermost element that says so (cheerio's text() runs block elements together), the
 * matching sentence when it is long.
 */
export function refusalNotice($: CheerioAPI): string | undefined {
  if (asksForCaptcha($)) return 'the site asks for a captcha';
  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
  const innermost = $('body *')
    .toArray()
    .filter((el) => !['script', 'style', 'form', 'select', 'option'].includes(el.tagName.toLowerCase()))
    .filter((el) => says(collapse($(el).text())) && !$(el).children().toArray().some((child) => says(collapse($(child).text()))));
  const text = innermost.length > 0 ? collapse($(innermost[0]).text()) : collapse($('body').text());
  const sentence = text.split(/(?<=[.!?])\s+/).find(says);
  if (sentence === undefined) return undefined;
  return sentence.length > 200 ? `${sentence.slice(0, 197)}...` : sentence;
}

/** A captcha challenge (a field or widget named so, or a reCAPTCHA/hCaptcha/Turnstile box): only a person can answer it. */
export function asksForCaptcha($: CheerioAPI): boolean {
  return (
    $('[name*="captcha" i], [id*="captcha" i], .g-recaptcha, .h-captcha, .cf-turnstile, img[src*="captcha" i]').length > 0
  );
}

function actionOf(page: HtmlPage, form: FormSelection): URL | undefined {
  try {
    return new URL(formSubmission(page.$, form, { pageUrl: page.url, baseUrl: page.baseUrl }).action);
  } catch {
    return undefined;
  }
}

/** Pack options: checkboxes, radios and selects (the DAT type, the sets to include). */
function optionControls($: CheerioAPI, form: FormSelection): HtmlElement[] {
  return formControls($, form).filter((el) => {
    const tag = el.tagName.toLowerCase();
    const type = ($(el).attr('type') ?? '').toLowerCase();
    return tag === 'select' || (tag === 'input' && (type === 'checkbox' || type === 'radio'));
  });
}

function postForms(page: HtmlPage): FormSelection[] {
  const { $ } = page;
  return $('form')
    .toArray()
    .map((el) => $(el))
    .filter((form) => (form.attr('method') ?? '').trim().toLowerCase() === 'post');
}

/** The daily-pack form: posts to the download page, carries pack options and a visible submit. */
export function findDailyForm(page: HtmlPage): FormSelection | undefined {
  const candidates = postForms(page).filter((form) => {
    const action = actionOf(page, form);
    return (
      action?.searchParams.get('page') === 'download' &&
      optionControls(page.$, form).length > 0 &&
      visibleSubmitControls(page.$, form).length > 0
    );
  });
  // More than one would be a new page layout; the one with the most options is the pack form.
  return candidates.sort((a, b) => optionControls(page.$, b).length - optionControls(page.$, a).length)[0];
}

/** The pack date the daily form shows, when it shows exactly one. */
export function dailyFormDate(page: HtmlPage, form: FormSelection): string | undefined {
  const dates = new Set(form.text().match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []);
  return dates.size === 1 ? [...dates][0] : undefined;
}

function label(page: HtmlPage, el: HtmlElement): string {
  const $el = page.$(el);
  return `${$el.attr('value') ?? ''} ${$el.text()}`.trim();
}

/** One visible submit control, or a clear error: several visible ones are narrowed by their label. */
function pickOne(page: HtmlPage, controls: HtmlElement[], wanted: RegExp, what: string): HtmlElement {
  if (controls.length === 1) return controls[0]!;
  const labelled = controls.filter((el) => wanted.test(label(page, el)));
  if (labelled.length === 1) return labelled[0]!;
  throw new UpstreamChangedError(
    `no-intro: ${what} has ${controls.length === 0 ? 'no' : controls.length} visible submit button${controls.length === 1 ? '' : 's'}` +
      `${controls.length > 1 ? ` (${controls.map((el) => JSON.stringify(label(page, el))).join(', ')})` : ''}; ` +
      `the page changed and rommer will not guess. Instead: ${alternativesHint}`,
  );
}

/** The daily form's own visible submit ("Prepare", "Request"). */
export function dailySubmitControl(page: HtmlPage, form: FormSelection): HtmlElement {
  return pickOne(page, visibleSubmitControls(page.$, form), /prepare|request|download/i, 'the daily download form');
}

export function isManagerUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.searchParams.get('page') === 'manager' && u.searchParams.has('download');
  } catch {
    return false;
  }
}

/** On the manager page: the one visible download button, among hidden decoys, with its form. */
export function findDownloadControl(page: HtmlPage): { form: FormSelection; submitter: HtmlElement; hiddenControls: number } {
  const found: { form: FormSelection; submitter: HtmlElement }[] = [];
  let hiddenControls = 0;
  for (const form of postForms(page)) {
    const action = actionOf(page, form);
    if (action === undefined || !isManagerUrl(action.toString())) continue;
    const visible = visibleSubmitControls(page.$, form);
    hiddenControls += formControls(page.$, form).filter((el) => isSubmitControl(page.$, el)).length - visible.length;
    for (const submitter of visible) found.push({ form, submitter });
  }
  const submitter = pickOne(
    page,
    found.map((f) => f.submitter),
    /download/i,
    'the download manager page',
  );
  return { form: found.find((f) => f.submitter === submitter)!.form, submitter, hiddenControls };
}
