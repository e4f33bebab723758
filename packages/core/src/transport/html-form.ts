import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import postcss from 'postcss';

/**
 * Forms as a browser sees them: which controls belong to a form, which submit controls a person
 * can actually see and press, and the fields a browser would send when one is pressed. Sites that
 * plant hidden decoy buttons (DAT-o-MATIC) are read correctly only this way, without hard-coding a
 * single field or button name.
 */

/** One declaration about visibility found in the page's own `<style>` elements. */
export interface StyleRule {
  selector: string;
  property: 'display' | 'visibility' | 'opacity' | 'position' | 'left' | 'top';
  value: string;
  important: boolean;
  specificity: number;
  order: number;
}

/** A computed value for one property on one element, with what it takes to beat it. */
interface Declared {
  value: string;
  /** [important, inline, specificity, order]: compared left to right. */
  rank: [number, number, number, number];
}

const hidingProperties = new Set(['display', 'visibility', 'opacity', 'position', 'left', 'top']);

/** Pushed far off the page (`position:absolute; left:-9999px`): a common way to hide a trap. */
function isOffScreen(position: string | undefined, left: string | undefined, top: string | undefined): boolean {
  if (position !== 'absolute' && position !== 'fixed') return false;
  const far = (value: string | undefined) => value !== undefined && /^-\d{3,}(\.\d+)?(px|em|rem|pt)?$/.test(value.replace(/\s+/g, ''));
  return far(left) || far(top);
}

/**
 * A rough CSS specificity (ids, then classes/attributes/pseudo-classes, then types) packed into one
 * number. Enough to let `.decoy.show` beat `.decoy`; selectors on real pages are short.
 */
function specificityOf(selector: string): number {
  const withoutStrings = selector.replace(/"[^"]*"|'[^']*'/g, '');
  const ids = (withoutStrings.match(/#[\w-]+/g) ?? []).length;
  const classes = (withoutStrings.match(/\.[\w-]+|\[[^\]]*\]|:(?!:)[\w-]+/g) ?? []).length;
  const types = (withoutStrings.replace(/#[\w-]+|\.[\w-]+|\[[^\]]*\]|::?[\w-]+(\([^)]*\))?/g, ' ').match(/[a-zA-Z][\w-]*/g) ?? [])
    .length;
  return ids * 10_000 + classes * 100 + types;
}

/** True for `@media` blocks a screen would apply (everything but print-only ones). */
function appliesOnScreen(node: postcss.Container | undefined): boolean {
  for (let parent = node; parent !== undefined; parent = parent.parent as postcss.Container | undefined) {
    if (parent.type === 'atrule') {
      const at = parent as postcss.AtRule;
      if (at.name.toLowerCase() !== 'media') return false;
      const params = at.params.toLowerCase();
      if (params.includes('print') && !params.includes('screen') && !params.includes('all')) return false;
    }
  }
  return true;
}

/** The declarations that can hide an element (display, visibility, opacity, off-screen position) in the page's own `<style>` elements, in document order. */
export function pageStyleRules($: CheerioAPI): StyleRule[] {
  const rules: StyleRule[] = [];
  let order = 0;
  $('style').each((_i, style) => {
    let root: postcss.Root;
    try {
      root = postcss.parse($(style).text());
    } catch {
      return; // a broken stylesheet hides nothing, as in a browser that drops it
    }
    root.walkRules((rule) => {
      if (!appliesOnScreen(rule.parent as postcss.Container | undefined)) return;
      rule.walkDecls((decl) => {
        const property = decl.prop.toLowerCase();
        if (!hidingProperties.has(property)) return;
        for (const selector of rule.selectors) {
          rules.push({
            selector: selector.trim(),
            property: property as StyleRule['property'],
            value: decl.value.trim().toLowerCase(),
            important: decl.important === true,
            specificity: specificityOf(selector),
            order: order++,
          });
        }
      });
    });
  });
  return rules;
}

function inlineDeclarations(style: string | undefined): { property: string; value: string; important: boolean }[] {
  if (style === undefined || style.trim() === '') return [];
  try {
    const found: { property: string; value: string; important: boolean }[] = [];
    postcss.parse(`x{${style}}`).walkDecls((decl) => {
      found.push({ property: decl.prop.toLowerCase(), value: decl.value.trim().toLowerCase(), important: decl.important === true });
    });
    return found;
  } catch {
    return [];
  }
}

function beats(a: Declared['rank'], b: Declared['rank']): boolean {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  }
  return false;
}

function declaredValue($: CheerioAPI, el: Element, property: StyleRule['property'], rules: StyleRule[]): string | undefined {
  let best: Declared | undefined;
  const consider = (value: string, rank: Declared['rank']) => {
    if (best === undefined || beats(rank, best.rank)) best = { value, rank };
  };
  for (const decl of inlineDeclarations($(el).attr('style'))) {
    if (decl.property === property) consider(decl.value, [decl.important ? 1 : 0, 1, 0, 0]);
  }
  for (const rule of rules) {
    if (rule.property !== property) continue;
    let matches = false;
    try {
      matches = $(el).is(rule.selector);
    } catch {
      matches = false; // a selector cheerio cannot evaluate (:hover, ::before) cannot hide a control at rest
    }
    if (matches) consider(rule.value, [rule.important ? 1 : 0, 0, rule.specificity, rule.order]);
  }
  return best?.value;
}

function isElement(node: AnyNode | null | undefined): node is Element {
  return node !== null && node !== undefined && node.type !== 'root' && 'tagName' in node;
}

/**
 * Whether a person could see `el`: not `hidden`, not `type=hidden`; neither it nor an ancestor has
 * `display:none`, `opacity:0` or is positioned far off the page; and its (inherited) visibility is
 * not hidden — from inline styles or the page's own `<style>` rules. `rules` defaults to reading the page's styles (pass them when asking
 * about many elements).
 */
export function isVisible($: CheerioAPI, el: Element, rules: StyleRule[] = pageStyleRules($)): boolean {
  if (el.tagName.toLowerCase() === 'input' && ($(el).attr('type') ?? '').toLowerCase() === 'hidden') return false;
  let visibility: string | undefined;
  for (let node: AnyNode | null = el; isElement(node); node = node.parent) {
    const tag = node.tagName.toLowerCase();
    if (tag === 'template' || tag === 'noscript' || tag === 'head') return false;
    if ($(node).attr('hidden') !== undefined) return false;
    if (declaredValue($, node, 'display', rules) === 'none') return false;
    const opacity = declaredValue($, node, 'opacity', rules);
    if (opacity !== undefined && Number.parseFloat(opacity) === 0) return false;
    const position = declaredValue($, node, 'position', rules);
    if (isOffScreen(position, declaredValue($, node, 'left', rules), declaredValue($, node, 'top', rules))) return false;
    // visibility is inherited: the nearest element that declares it decides.
    visibility ??= declaredValue($, node, 'visibility', rules);
  }
  return visibility !== 'hidden' && visibility !== 'collapse';
}

const listedTags = new Set(['input', 'button', 'select', 'textarea']);

/** The controls that belong to `form`, in tree order: its descendants plus any `form="<id>"` elsewhere. */
export function formControls($: CheerioAPI, form: Cheerio<Element>): Element[] {
  const formEl = form.get(0);
  if (formEl === undefined) return [];
  const id = form.attr('id');
  return $('input, button, select, textarea')
    .toArray()
    .filter((el) => {
      if (!listedTags.has(el.tagName.toLowerCase())) return false;
      const owner = $(el).attr('form');
      if (owner !== undefined) return id !== undefined && owner === id;
      return $(el).closest('form').get(0) === formEl;
    });
}

/** A control that submits its form when pressed: `<input type=submit|image>` or a `<button>` of type submit. */
export function isSubmitControl($: CheerioAPI, el: Element): boolean {
  const tag = el.tagName.toLowerCase();
  const type = ($(el).attr('type') ?? '').trim().toLowerCase();
  if (tag === 'input') return type === 'submit' || type === 'image';
  if (tag === 'button') return type === '' || type === 'submit' || (type !== 'button' && type !== 'reset');
  return false;
}

function isDisabled($: CheerioAPI, el: Element): boolean {
  if ($(el).attr('disabled') !== undefined) return true;
  // A disabled fieldset disables its controls, except those in its first legend.
  const fieldset = $(el).closest('fieldset[disabled]');
  if (fieldset.length === 0) return false;
  const legend = fieldset.children('legend').first();
  return !(legend.length > 0 && $(el).closest('legend').get(0) === legend.get(0));
}

/** The submit controls of `form` that a person can see and press (enabled, visible). */
export function visibleSubmitControls($: CheerioAPI, form: Cheerio<Element>): Element[] {
  const rules = pageStyleRules($);
  return formControls($, form).filter((el) => isSubmitControl($, el) && !isDisabled($, el) && isVisible($, el, rules));
}

/** The text a person reads for a control: its `<label for>`, a wrapping `<label>`, or the text right after it. */
export function controlLabel($: CheerioAPI, el: Element): string {
  const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
  const id = $(el).attr('id');
  if (id !== undefined) {
    const byFor = $('label')
      .filter((_i, label) => $(label).attr('for') === id)
      .first();
    if (byFor.length > 0) return clean(byFor.text());
  }
  const wrapping = $(el).closest('label');
  if (wrapping.length > 0) return clean(wrapping.text());
  // Text nodes and inline elements up to the next control or line break.
  let text = '';
  for (let node = el.next; node !== null; node = node.next) {
    if (isElement(node)) {
      const tag = node.tagName.toLowerCase();
      if (listedTags.has(tag) || tag === 'br' || tag === 'div' || tag === 'p' || tag === 'tr' || tag === 'td') break;
      text += $(node).text();
    } else if (node.type === 'text') {
      text += node.data;
    }
  }
  return clean(text);
}

export interface FormSubmissionOptions {
  /** The URL the page was read from: a form without an action posts back here. */
  pageUrl: string;
  /** What relative actions resolve against: the page's `<base href>` (`parseHtmlPage(...).baseUrl`); default `pageUrl`. */
  baseUrl?: string;
  /** The control pressed; its name/value is sent and its `formaction`/`formmethod` apply. */
  submitter?: Element;
  /** Tick (true) or untick (false) a checkbox or radio; undefined keeps the page's default. */
  checked?: (el: Element) => boolean | undefined;
}

export interface FormSubmission {
  method: 'GET' | 'POST';
  /** Absolute URL the form submits to. */
  action: string;
  /** The fields a browser would send, in tree order. */
  fields: URLSearchParams;
}

/**
 * What a browser sends when `submitter` is pressed (HTML "constructing the entry list"): enabled,
 * named controls; checked checkboxes and radios (value "on" by default); selected options (the
 * first option of a single select when none is selected); text areas; the submitter only, of all
 * buttons. File inputs are sent empty-named-file in a browser; they are left out here.
 */
export function formSubmission($: CheerioAPI, form: Cheerio<Element>, options: FormSubmissionOptions): FormSubmission {
  const base = options.baseUrl ?? options.pageUrl;
  const submitter = options.submitter;
  const methodAttr = (submitter !== undefined ? $(submitter).attr('formmethod') : undefined) ?? form.attr('method') ?? 'get';
  const actionAttr = (submitter !== undefined ? $(submitter).attr('formaction') : undefined) ?? form.attr('action') ?? '';
  const action = new URL(actionAttr.trim() === '' ? options.pageUrl : actionAttr.trim(), base).toString();
  const fields = new URLSearchParams();
  const controls = formControls($, form);
  // Ticking one radio unticks the rest of its group, as clicking it would.
  const radioPicked = new Map<string, Element>();
  for (const el of controls) {
    const type = ($(el).attr('type') ?? '').trim().toLowerCase();
    const name = $(el).attr('name');
    if (el.tagName.toLowerCase() === 'input' && type === 'radio' && name !== undefined && options.checked?.(el) === true) {
      radioPicked.set(name, el);
    }
  }

  for (const el of controls) {
    if (isDisabled($, el)) continue;
    const $el = $(el);
    const name = $el.attr('name');
    const tag = el.tagName.toLowerCase();
    const type = ($el.attr('type') ?? '').trim().toLowerCase();
    if (isSubmitControl($, el) || (tag === 'button' && type !== '')) {
      if (el !== submitter || name === undefined || name === '') continue;
      if (tag === 'input' && type === 'image') {
        fields.append(`${name}.x`, '0');
        fields.append(`${name}.y`, '0');
      } else {
        fields.append(name, $el.attr('value') ?? '');
      }
      continue;
    }
    if (name === undefined || name === '') continue;
    if (tag === 'input') {
      if (type === 'checkbox' || type === 'radio') {
        const picked = type === 'radio' ? radioPicked.get(name) : undefined;
        const override = picked !== undefined ? picked === el : options.checked?.(el);
        const isChecked = override ?? $el.attr('checked') !== undefined;
        if (isChecked) fields.append(name, $el.attr('value') ?? 'on');
        continue;
      }
      if (type === 'file' || type === 'reset' || type === 'button') continue;
      fields.append(name, $el.attr('value') ?? '');
    } else if (tag === 'select') {
      const optionsEls = $el.find('option').toArray();
      const selected = optionsEls.filter((o) => $(o).attr('selected') !== undefined && $(o).attr('disabled') === undefined);
      const multiple = $el.attr('multiple') !== undefined;
      const chosen = selected.length > 0 ? (multiple ? selected : selected.slice(-1)) : multiple ? [] : optionsEls.slice(0, 1);
      for (const option of chosen) fields.append(name, $(option).attr('value') ?? $(option).text().trim());
    } else if (tag === 'textarea') {
      fields.append(name, $el.text());
    }
  }
  return { method: methodAttr.trim().toLowerCase() === 'post' ? 'POST' : 'GET', action, fields };
}
