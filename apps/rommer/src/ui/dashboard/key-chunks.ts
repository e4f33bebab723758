import type { Key } from 'ink';

/** One key press: what Ink's useInput hands a handler. */
export interface KeyPress {
  input: string;
  key: Key;
}

/** A key press with no special key down (Ink's Key with every flag false). */
export const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

function isPlainChunk(key: Key): boolean {
  return !(key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageDown || key.pageUp || key.home || key.end || key.return || key.escape || key.ctrl || key.meta || key.tab || key.backspace || key.delete);
}

function pressOf(char: string): KeyPress {
  if (char === '\r' || char === '\n') return { input: '', key: { ...noKey, return: true } };
  if (char === '\t') return { input: '', key: { ...noKey, tab: true } };
  if (char === '\x7f' || char === '\b') return { input: '', key: { ...noKey, backspace: true } };
  const code = char.codePointAt(0) ?? 0;
  // ctrl-a … ctrl-z arrive as 0x01 … 0x1a; Ink reports them as the letter with ctrl set.
  if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ...noKey, ctrl: true } };
  return { input: char, key: { ...noKey, shift: /^[A-Z]$/.test(char) } };
}

/**
 * The key presses in one input chunk. Ink hands a handler everything that arrived in one read as
 * a single `input` ("kk", "j\r"), which is what fast typing, a paste or a slow link deliver; the
 * dashboard acts on every key, so plain text is split into one press per character. Escape
 * sequences (arrows, …) already come one per call.
 */
export function splitKeys(input: string, key: Key): KeyPress[] {
  const chars = [...input];
  if (chars.length <= 1 || !isPlainChunk(key)) return [{ input, key }];
  return chars.map(pressOf);
}
