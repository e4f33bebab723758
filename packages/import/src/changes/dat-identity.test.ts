import { describe, expect, it } from 'vitest';
import { datIdentity } from './dat-identity.js';

describe('datIdentity removes the stamps publishers put in names', () => {
  it.each([
    ['no-intro/No-Intro/Nintendo - Game Boy (20240317-134803).dat', 'no-intro/No-Intro/Nintendo - Game Boy.dat'],
    ['no-intro/Unofficial/Unofficial - Nintendo - Game Boy (Translations) (20261120-130000).dat', 'no-intro/Unofficial/Unofficial - Nintendo - Game Boy (Translations).dat'],
    ['tosec/TOSEC-v2025-01-30/TOSEC/Commodore Amiga - Games (TOSEC-v2025-01-30_CM).dat', 'tosec/TOSEC/Commodore Amiga - Games.dat'],
    ['tosec/TOSEC-v2025-03-13/TOSEC-ISO/Sony PlayStation - Games (TOSEC-v2025-03-13).dat', 'tosec/TOSEC-ISO/Sony PlayStation - Games.dat'],
    ['redump/Sony - PlayStation - Datfile (12345) (2026-11-20 01-23-45).dat', 'redump/Sony - PlayStation - Datfile.dat'],
    ['/home/me/dats/Sega - Saturn - Datfile (1) (2025-01-01 00-00-00).dat', '/home/me/dats/Sega - Saturn - Datfile.dat'],
  ])('%s → %s', (key, identity) => {
    expect(datIdentity(key)).toBe(identity);
  });

  it('keeps names without stamps, and numbers that are not stamps', () => {
    for (const key of [
      'fbneo/dats/FinalBurn Neo (ClrMame Pro XML, Arcade only).dat',
      'opengood/OpenGBx.GB.dat',
      'libretro/metadat/no-intro/Atari - 7800.dat',
      'x/Game (2024).dat',
      'x/TOSEC-v2025-01-30.dat',
    ]) {
      expect(datIdentity(key)).toBe(key);
    }
  });

  it('gives two dated versions of one DAT the same identity, and different DATs different ones', () => {
    const a = datIdentity('no-intro/No-Intro/Nintendo - Game Boy (20240317-134803).dat');
    expect(datIdentity('no-intro/No-Intro/Nintendo - Game Boy (20261120-093512).dat')).toBe(a);
    expect(datIdentity('no-intro/No-Intro/Nintendo - Game Boy Advance (20261120-093512).dat')).not.toBe(a);
  });
});
