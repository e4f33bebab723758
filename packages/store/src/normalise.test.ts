import { describe, expect, test } from 'vitest';
import { normaliseCrc, normaliseHash } from './normalise.js';

describe('normaliseHash', () => {
  test('lower-cases and trims', () => {
    expect(normaliseHash(' DA39A3EE5E6B4B0D3255BFEF95601890AFD80709 ')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });
  test('absent or empty is null', () => {
    expect(normaliseHash(undefined)).toBeNull();
    expect(normaliseHash(null)).toBeNull();
    expect(normaliseHash('  ')).toBeNull();
  });
});

describe('normaliseCrc', () => {
  test('pads short CRCs to 8 digits', () => {
    expect(normaliseCrc('ABCDE')).toBe('000abcde');
    expect(normaliseCrc('0')).toBe('00000000');
  });
  test('keeps full CRCs and leaves non-hex text alone', () => {
    expect(normaliseCrc('DEADBEEF')).toBe('deadbeef');
    expect(normaliseCrc('n/a')).toBe('n/a');
  });
});
