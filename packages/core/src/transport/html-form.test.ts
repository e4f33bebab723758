import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import type { Element } from 'domhandler';
import { parseHtmlPage } from './html-page.js';
import { controlLabel, formControls, formSubmission, isVisible, pageStyleRules, visibleSubmitControls } from './html-form.js';

const names = (_$: ReturnType<typeof load>, els: { attribs: Record<string, string> }[]) =>
  els.map((el) => el.attribs['name'] ?? el.attribs['id'] ?? '?');

describe('visibleSubmitControls', () => {
  it('keeps only the submit control a person can see', () => {
    const $ = load(`<html><head><style>
      /* decoys */
      .a1 { color: red; display : none }
      .b2 { visibility: hidden }
      .shown.b2 { visibility: visible }
      @media print { .c3 { display: none } }
      #wrap .d4 { display: none !important }
      .e5 { position: absolute; left: -10000px; top: 0 }
    </style></head><body>
    <form id="f" method="post">
      <input type="hidden" name="tok" value="1">
      <input type="submit" name="x_hidden_attr" value="Download!!" hidden>
      <input type="submit" name="x_inline" value="Download!!" style="display:none">
      <input type="submit" name="x_inline_vis" value="Download!!" style="visibility: hidden">
      <button name="x_class" class="a1">Download!!</button>
      <span class="b2"><input type="submit" name="x_inherited" value="Download!!"></span>
      <div style="display:none"><input type="submit" name="x_ancestor" value="Download!!"></div>
      <input type="submit" name="x_disabled" value="Download!!" disabled>
      <input type="button" name="x_plain_button" value="Download!!">
      <button type="reset" name="x_reset">Reset</button>
      <div id="wrap"><input type="submit" name="x_important" class="d4" style="display:inline" value="Download!!"></div>
      <input type="submit" name="x_opacity" value="Download!!" style="opacity: 0">
      <span class="e5"><input type="submit" name="x_offscreen" value="Download!!"></span>
      <input type="submit" name="ok_near" value="Download!!" style="position:absolute; left:-5px">
      <input type="submit" name="ok_print_only" class="c3" value="Download!!">
      <input type="submit" name="ok_overridden" class="b2 shown" value="Download!!">
    </form>
    <input type="submit" name="ok_outside" form="f" value="Download!!">
    <input type="submit" name="x_other_form" value="Download!!">
    </body></html>`);
    const form = $('form#f');
    expect(names($, visibleSubmitControls($, form))).toEqual(['ok_near', 'ok_print_only', 'ok_overridden', 'ok_outside']);
  });

  it('inline styles beat page rules that are not important', () => {
    const $ = load(`<style>.h{display:none}</style><form><input type="submit" name="a" class="h" style="display:inline-block"></form>`);
    expect(names($, visibleSubmitControls($, $('form')))).toEqual(['a']);
  });

  it('ignores a stylesheet it cannot parse and selectors it cannot evaluate', () => {
    const $ = load(`<style>.x { display: none</style><style>a:hover .y { display:none }</style>
      <form><input type="submit" name="a" class="y"></form>`);
    expect(pageStyleRules($).map((rule) => rule.selector)).toEqual(['a:hover .y']);
    expect(names($, visibleSubmitControls($, $('form')))).toEqual(['a']);
  });
});

describe('isVisible', () => {
  it('treats type=hidden inputs as invisible', () => {
    const $ = load(`<input type="hidden" name="a"><input type="text" name="b">`);
    const [a, b] = $('input').toArray();
    expect(isVisible($, a!)).toBe(false);
    expect(isVisible($, b!)).toBe(true);
  });
});

describe('formControls', () => {
  it('includes form-associated controls outside the form and excludes controls owned by another form', () => {
    const $ = load(`<form id="one"><input name="a"><input name="b" form="two"></form>
      <form id="two"><input name="c"></form><input name="d" form="one">`);
    expect(names($, formControls($, $('#one')))).toEqual(['a', 'd']);
    expect(names($, formControls($, $('#two')))).toEqual(['b', 'c']);
  });
});

describe('formSubmission', () => {
  const page = `<html><head><base href="/sub/"></head><body>
    <form method="POST" action="index.php?page=go">
      <input type="hidden" name="tok" value="t1">
      <input type="text" name="q" value="hello">
      <input type="checkbox" name="c1" value="Ok" checked>
      <input type="checkbox" name="c2" id="c2"><label for="c2">Aftermarket</label>
      <label><input type="checkbox" name="c3" value="yes"> Unofficial sets</label>
      <input type="radio" name="r" value="one" checked> One
      <input type="radio" name="r" value="two"> Two <br>
      <select name="s"><option value="first">First</option><option value="second">Second</option></select>
      <select name="s2"><option>A</option><option selected>B</option></select>
      <select name="m" multiple><option value="x" selected>X</option><option value="y" selected>Y</option></select>
      <textarea name="t">note</textarea>
      <input type="text" name="dis" value="no" disabled>
      <fieldset disabled><input name="fs" value="no"></fieldset>
      <input type="submit" name="go" value="Prepare">
      <input type="submit" name="other" value="Other" formaction="/elsewhere" formmethod="get">
      <input type="image" name="img">
      <button name="btn" value="b">B</button>
    </form></body></html>`;

  it('sends what a browser sends for the pressed control, resolving the action against <base href>', () => {
    const { $, baseUrl } = parseHtmlPage(page, 'http://h.test/root/page.php?x=1');
    const form = $('form');
    const go = $('input[name=go]').get(0)!;
    const result = formSubmission($, form, { pageUrl: 'http://h.test/root/page.php?x=1', baseUrl, submitter: go });
    expect(result.method).toBe('POST');
    expect(result.action).toBe('http://h.test/sub/index.php?page=go');
    expect([...result.fields]).toEqual([
      ['tok', 't1'],
      ['q', 'hello'],
      ['c1', 'Ok'],
      ['r', 'one'],
      ['s', 'first'],
      ['s2', 'B'],
      ['m', 'x'],
      ['m', 'y'],
      ['t', 'note'],
      ['go', 'Prepare'],
    ]);
  });

  it('applies formaction/formmethod of the submitter, image coordinates and checkbox/radio overrides', () => {
    const $ = load(page);
    const form = $('form');
    const other = formSubmission($, form, { pageUrl: 'http://h.test/root/page.php', submitter: $('input[name=other]').get(0)! });
    expect(other.method).toBe('GET');
    expect(other.action).toBe('http://h.test/elsewhere');
    const ticked = formSubmission($, form, {
      pageUrl: 'http://h.test/',
      submitter: $('input[name=img]').get(0)!,
      checked: (el) => (el.attribs['name'] === 'c2' || el.attribs['value'] === 'two' ? true : el.attribs['name'] === 'c1' ? false : undefined),
    });
    expect(ticked.fields.getAll('c1')).toEqual([]);
    expect(ticked.fields.get('c2')).toBe('on');
    expect(ticked.fields.getAll('r')).toEqual(['two']);
    expect(ticked.fields.get('img.x')).toBe('0');
    expect(ticked.fields.has('go')).toBe(false);
  });

  it('posts to the page itself when the form has no action', () => {
    const $ = load(`<form method="post"><input name="a" value="1"></form>`);
    expect(formSubmission($, $('form'), { pageUrl: 'http://h.test/p?q=1' }).action).toBe('http://h.test/p?q=1');
  });
});

describe('controlLabel', () => {
  it('reads <label for>, a wrapping label, or the text that follows', () => {
    const $ = load(`<form>
      <input type="checkbox" id="a"><label for="a"> Aftermarket </label>
      <label><input type="checkbox" id="b"> Unofficial</label>
      <input type="checkbox" id="c"> Non-Redump <b>sets</b><br>
      <input type="checkbox" id="d"></form>`);
    const label = (id: string) => controlLabel($, $(`input#${id}`).get(0) as Element);
    expect(label('a')).toBe('Aftermarket');
    expect(label('b')).toBe('Unofficial');
    expect(label('c')).toBe('Non-Redump sets');
    expect(label('d')).toBe('');
  });
});
