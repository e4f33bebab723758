import { describe, expect, it } from 'vitest';
import { suggestSimilar } from './suggest.js';

const commands = ['update', 'import', 'dats', 'doctor', 'login', 'logout'];

describe('suggestSimilar', () => {
  it('finds a swapped, a missing and an extra letter', () => {
    expect(suggestSimilar('udpate', commands)).toEqual(['update']);
    expect(suggestSimilar('updat', commands)).toEqual(['update']);
    expect(suggestSimilar('doctorr', commands)).toEqual(['doctor']);
  });

  it('offers every equally close word, and nothing for a different word', () => {
    expect(suggestSimilar('logn', commands)).toEqual(['login']);
    expect(suggestSimilar('logot', commands)).toEqual(['logout']);
    expect(suggestSimilar('frobnicate', commands)).toEqual([]);
  });
});
