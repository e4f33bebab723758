import { describe, expect, it } from 'vitest';
import { PendingInput } from './pending-input.js';

describe('PendingInput', () => {
  it('rescans a token that never closes only when it has doubled: O(log n) scans, linear work', () => {
    const pending = new PendingInput(1 << 30);
    const chunk = 'x'.repeat(64 * 1024);
    let scans = 0;
    let scanned = 0;
    for (let i = 0; i < 1024; i++) {
      const text = pending.add(chunk);
      if (text === undefined) continue;
      scans++;
      scanned += text.length;
      // The tokenizer consumed nothing: the whole text is an unfinished token.
      expect(pending.keep(text)).toBe(true);
    }
    const total = 1024 * chunk.length;
    expect(scans).toBeLessThanOrEqual(12);
    expect(scanned).toBeLessThan(2 * total);
  });

  it('hands back every chunk at once while nothing is pending, and refuses a rest over the limit', () => {
    const pending = new PendingInput(10);
    expect(pending.add('ab')).toBe('ab');
    expect(pending.keep('')).toBe(true);
    expect(pending.add('cd')).toBe('cd');
    expect(pending.keep('d')).toBe(true);
    expect(pending.add('e')).toBe('de');
    expect(pending.keep('x'.repeat(11))).toBe(false);
    expect(pending.take()).toBe('');
  });
});
