import { option as pastelOption } from 'pastel';
import { describe, expect, it } from 'vitest';
import { option } from './flags.js';

describe('option', () => {
  it("writes the marker pastel's own option() writes", () => {
    for (const config of [{ description: 'Only check' }, { description: 'Sources at once', valueDescription: 'n' }, { description: 'For scripts', alias: 'y' }]) {
      expect(option(config)).toBe(pastelOption(config));
    }
  });
});
