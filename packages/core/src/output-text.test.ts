import { describe, expect, it } from 'vitest';
import { escapeControl, humanText, redactUrl, redactUrlCredentials } from './output-text.js';

describe('redactUrl', () => {
  it('hides passwords and bare user names (tokens), keeps host, path and the user name', () => {
    expect(redactUrl('http://user:pass@127.0.0.1:8080/tosec/downloads')).toBe('http://user:***@127.0.0.1:8080/tosec/downloads');
    expect(redactUrl('postgresql://rommer:s3cr%40t@db.local:5432/rommer')).toBe('postgresql://rommer:***@db.local:5432/rommer');
    expect(redactUrl('https://ghp_abcdef@github.com/libretro/FBNeo.git')).toBe('https://***@github.com/libretro/FBNeo.git');
    // A password holding '@' is hidden whole: the authority ends at the last '@'.
    expect(redactUrl('https://u:p@ss@host/x')).toBe('https://u:***@host/x');
    expect(redactUrl('https://host/path?mail=a@b')).toBe('https://host/path?mail=a@b');
    expect(redactUrl(new URL('ftp://a:b@c/'))).toBe('ftp://a:***@c/');
  });

  it('finds every URL inside a message', () => {
    expect(redactUrlCredentials('GET http://a:b@h1/x failed, then git://t@h2/y: refused; mail me@example.org')).toBe(
      'GET http://a:***@h1/x failed, then git://***@h2/y: refused; mail me@example.org',
    );
  });
});

describe('escapeControl', () => {
  it('shows terminal escapes, NUL, DEL, C1 and bidi overrides instead of sending them', () => {
    expect(escapeControl('Game\u001b]0;pwned\u0007\u001b[2J\u0000\u007f\u009b31m\u202eevil')).toBe(
      'Game\\x1b]0;pwned\\x07\\x1b[2J\\x00\\x7f\\x9b31m\\u202eevil',
    );
    expect(escapeControl('a\tb\r\nc')).toBe('a\\tb\\r\\nc');
    expect(escapeControl('a\nb', { keepNewlines: true })).toBe('a\nb');
    expect(escapeControl('Pokémon – ポケモン')).toBe('Pokémon – ポケモン');
  });

  it('humanText does both', () => {
    expect(humanText('http://u:p@h/\u001b[31m')).toBe('http://u:***@h/\\x1b[31m');
  });
});
