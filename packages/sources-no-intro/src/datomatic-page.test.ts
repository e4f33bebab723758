import { parseHtmlPage } from '@rommer/core/html';
import { UpstreamChangedError } from '@rommer/core';
import { describe, expect, it } from 'vitest';
import { dailyFormDate, dailySubmitControl, findDailyForm, findDownloadControl, refusalNotice } from './datomatic-page.js';

const pageUrl = 'https://dat.example/index.php?page=download&op=daily';

const daily = `<html><head><style>.zz9 { display:none }</style></head><body>
  <form method="get" action="index.php"><input name="text"><input type="submit" value="Search"></form>
  <form method="post" action="index.php?page=login"><input name="user"><input type="password" name="pw"><input type="submit" value="Login"></form>
  <form method="post" action="index.php?page=download&amp;op=daily">
    <p>Pack of 2026-11-20</p>
    <select name="q1"><option value="standard" selected>Standard DAT</option></select>
    <input type="checkbox" name="q2" value="Ok" checked> Main
    <input type="submit" name="q3" value="Prepare" class="zz9">
    <input type="submit" name="q4" value="Prepare">
  </form></body></html>`;

const manager = (buttons: string) =>
  parseHtmlPage(
    `<html><head><style>.k { visibility: hidden }</style></head><body>
    <form method="post" action="index.php?page=manager&amp;download=77">${buttons}</form></body></html>`,
    'https://dat.example/index.php?page=manager&download=77',
  );

describe('findDailyForm', () => {
  it('finds the pack form by structure among other forms, and its visible submit', () => {
    const page = parseHtmlPage(daily, pageUrl);
    const form = findDailyForm(page)!;
    expect(form.find('select').attr('name')).toBe('q1');
    expect(dailySubmitControl(page, form).attribs['name']).toBe('q4');
    expect(dailyFormDate(page, form)).toBe('2026-11-20');
  });

  it('finds nothing on a page without a pack form', () => {
    expect(findDailyForm(parseHtmlPage('<form method="post"><input type="submit"></form>', pageUrl))).toBeUndefined();
  });
});

describe('findDownloadControl', () => {
  it('presses the one visible control among decoys', () => {
    const found = findDownloadControl(
      manager(`<input type="submit" name="a" value="Download!!" hidden>
        <button name="b" class="k">Download!!</button>
        <input type="submit" name="c" value="Download!!">
        <div style="display:none"><input type="submit" name="d" value="Download!!"></div>`),
    );
    expect(found.submitter.attribs['name']).toBe('c');
    expect(found.hiddenControls).toBe(3);
  });

  it('narrows several visible controls by their label, and refuses to guess otherwise', () => {
    expect(findDownloadControl(manager(`<input type="submit" name="x" value="Back"><input type="submit" name="y" value="Download!!">`)).submitter.attribs['name']).toBe('y');
    const error = (() => {
      try {
        findDownloadControl(manager(`<input type="submit" name="x" value="Download!!"><input type="submit" name="y" value="Download!!">`));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UpstreamChangedError);
    expect((error as Error).message).toMatch(/^no-intro: the download manager page has 2 visible submit buttons \("Download!!", "Download!!"\); the page changed/);
    expect(() => findDownloadControl(manager(`<input type="submit" name="a" hidden>`))).toThrow(/has no visible submit buttons/);
  });
});

describe('refusalNotice', () => {
  it('quotes the element that says downloads are refused', () => {
    const page = parseHtmlPage(
      '<body><div class="menu"><a>Home</a><a>Download</a></div><div><h2>Daily</h2><p><b>Downloads are throttled. Try again later.</b></p></div></body>',
      pageUrl,
    );
    expect(refusalNotice(page.$)).toBe('Downloads are throttled.');
    expect(refusalNotice(parseHtmlPage(daily, pageUrl).$)).toBeUndefined();
  });
});
