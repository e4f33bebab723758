import { describe, expect, it } from 'vitest';
import { colourWanted } from './theme.js';

describe('colourWanted', () => {
  it('follows no-color.org: NO_COLOR set to anything but the empty string turns colour off', () => {
    expect(colourWanted({})).toBe(true);
    expect(colourWanted({ NO_COLOR: '' })).toBe(true);
    expect(colourWanted({ NO_COLOR: '1' })).toBe(false);
    expect(colourWanted({ NO_COLOR: 'false' })).toBe(false);
  });
});
