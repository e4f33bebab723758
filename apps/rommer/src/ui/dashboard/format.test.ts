import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, shortVersion, truncate } from './format.js';

describe('format helpers', () => {
  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_400)).toBe('0:07');
    expect(formatDuration(205_000)).toBe('3:25');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });

  it('rounds ages and falls back to the date after two months', () => {
    const now = Date.UTC(2026, 10, 23);
    const ago = (seconds: number) => formatAge(now / 1000 - seconds, now);
    expect(ago(10)).toBe('just now');
    expect(ago(300)).toBe('5 min ago');
    expect(ago(3 * 3600)).toBe('3 h ago');
    expect(ago(86_400)).toBe('1 day ago');
    expect(ago(90 * 86_400)).toBe('2026-08-25');
  });

  it('shortens shas only, and cuts text with an ellipsis', () => {
    expect(shortVersion('0123456789abcdef0123456789abcdef01234567')).toBe('0123456');
    expect(shortVersion('mame0289')).toBe('mame0289');
    expect(shortVersion(null)).toBe('—');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('abc', 0)).toBe('');
  });
});

describe('message helpers', () => {
  it('drops a leading source id and shortens absolute paths to file names', async () => {
    const { shortItem, withoutSourcePrefix } = await import('./format.js');
    expect(withoutSourcePrefix('libretro: "metadat/redump" is missing', 'libretro')).toBe('"metadat/redump" is missing');
    expect(withoutSourcePrefix('libretro: x', 'fbneo')).toBe('libretro: x');
    expect(withoutSourcePrefix('x', null)).toBe('x');
    expect(shortItem('/tmp/data/dats/.staging/opengood-1/Open2600.dat')).toBe('Open2600.dat');
    expect(shortItem('libretro/FBNeo@master')).toBe('libretro/FBNeo@master');
  });
});
