import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { splitKeys } from './key-chunks.js';

const plain = { upArrow: false, downArrow: false, return: false, ctrl: false, meta: false, escape: false, tab: false, backspace: false, delete: false, shift: false } as Key;

describe('splitKeys', () => {
  it('leaves a single key alone', () => {
    expect(splitKeys('k', plain)).toEqual([{ input: 'k', key: plain }]);
    const down = { ...plain, downArrow: true };
    expect(splitKeys('', down)).toEqual([{ input: '', key: down }]);
  });

  it('splits a chunk of letters into one press each', () => {
    expect(splitKeys('kkj', plain).map((p) => p.input)).toEqual(['k', 'k', 'j']);
  });

  it('reads Enter, tab, backspace and ctrl letters inside a chunk', () => {
    const presses = splitKeys('j \r\t\x7f\x03A', plain);
    expect(presses.map((p) => p.input)).toEqual(['j', ' ', '', '', '', 'c', 'A']);
    expect(presses[2]?.key.return).toBe(true);
    expect(presses[3]?.key.tab).toBe(true);
    expect(presses[4]?.key.backspace).toBe(true);
    expect(presses[5]?.key.ctrl).toBe(true);
    expect(presses[6]?.key.shift).toBe(true);
  });

  it('keeps characters outside the BMP whole', () => {
    expect(splitKeys('a😀', plain).map((p) => p.input)).toEqual(['a', '😀']);
  });
});
