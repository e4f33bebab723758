import { describe, expect, it } from 'vitest';
import { packDateFromDats, packDateFromName, parseDatName, systemKey } from './pack-version.js';

describe('packDateFromName', () => {
  it('reads the date DAT-o-MATIC puts in the pack name, also after a browser renamed it', () => {
    expect(packDateFromName('No-Intro Love Pack (Standard DAT) (2026-11-20).zip')).toBe('2026-11-20');
    expect(packDateFromName('/tmp/x/No-Intro Love Pack (P/C XML) (2026-11-20) (1).zip')).toBe('2026-11-20');
    expect(packDateFromName('No-Intro Love Pack (Standard DAT) (2026-11-20 10-11-12).zip')).toBe('2026-11-20');
    expect(packDateFromName('No-Intro Love Pack (Standard DAT) (20261120-101112).zip')).toBe('2026-11-20');
    expect(packDateFromName('No-Intro Love Pack (Standard DAT) (20261120).zip')).toBe('2026-11-20');
  });
  it('gives nothing for names without a real date', () => {
    expect(packDateFromName('daily.zip')).toBeUndefined();
    expect(packDateFromName('pack (2026-13-40).zip')).toBeUndefined();
    expect(packDateFromName('pack (12345678).zip')).toBeUndefined();
  });
});

describe('parseDatName / systemKey / packDateFromDats', () => {
  it('splits system and timestamp and keys a DAT by folder and system', () => {
    expect(parseDatName('Nintendo - Game Boy (20261120-093512).dat')).toEqual({ system: 'Nintendo - Game Boy', stamp: '20261120-093512' });
    expect(parseDatName('Sega - 32X (Parent-Clone).dat')).toEqual({ system: 'Sega - 32X (Parent-Clone)', stamp: undefined });
    expect(systemKey('No-Intro/Nintendo - Game Boy (20261120-093512).dat')).toBe('No-Intro/Nintendo - Game Boy');
    expect(systemKey('No-Intro/Nintendo - Game Boy (20251001-000000).dat')).toBe('No-Intro/Nintendo - Game Boy');
  });
  it('dates a pack by its newest DAT', () => {
    expect(packDateFromDats(['A/x (20261119-235959).dat', 'B/y (20261120-000001).dat', 'index.txt'])).toBe('2026-11-20');
    expect(packDateFromDats(['index.txt'])).toBeUndefined();
  });
});
