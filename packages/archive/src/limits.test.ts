import { describe, expect, it } from 'vitest';
import { defaultArchiveLimits, resolveLimits } from './limits.js';

describe('archive limits', () => {
  it('let the largest real packs through by default', () => {
    // The MAME ListXML (~330 MB, deflate ~6:1) and a TOSEC pack (~100 MB zip, ~1.5 GB of DATs).
    expect(defaultArchiveLimits.maxEntryBytes).toBeGreaterThan(330 * 1024 * 1024);
    expect(defaultArchiveLimits.maxTotalBytes).toBeGreaterThan(1.5 * 1024 ** 3);
    expect(defaultArchiveLimits.maxEntries).toBeGreaterThan(10_000);
    expect(defaultArchiveLimits.maxRatio).toBeGreaterThanOrEqual(50);
    expect(Object.isFrozen(defaultArchiveLimits)).toBe(true);
  });

  it('merge partial overrides and reject nonsense', () => {
    expect(resolveLimits({ maxRatio: 10 })).toEqual({ ...defaultArchiveLimits, maxRatio: 10 });
    expect(() => resolveLimits({ maxEntries: -1 })).toThrow(/maxEntries must be a non-negative number/);
    expect(() => resolveLimits({ maxTotalBytes: Number.NaN })).toThrow(/maxTotalBytes/);
  });
});
