import type { StoredRom } from '@rommer/store';
import { describe, expect, it } from 'vitest';
import { gameContent, normaliseRom } from './game-content.js';
import { romChanges } from './rom-changes.js';

const rom = (name: string, crc: string | null, size: number | null = 1024, sha1: string | null = null): StoredRom => ({
  name,
  size,
  crc,
  md5: null,
  sha1,
});

describe('gameContent', () => {
  it('is the ROM multiset: names and order do not matter, data does', () => {
    const a = gameContent([rom('a.bin', '00000001'), rom('b.bin', '00000002')]);
    expect(gameContent([rom('other.bin', '00000002'), rom('x.bin', '00000001')])).toBe(a);
    expect(gameContent([rom('a.bin', '00000001'), rom('b.bin', '00000003')])).not.toBe(a);
    expect(gameContent([rom('a.bin', '00000001'), rom('b.bin', '00000002', 2048)])).not.toBe(a);
    expect(gameContent([rom('a.bin', '00000001'), rom('b.bin', '00000002', 1024, 'ab')])).not.toBe(a);
    expect(gameContent([rom('a.bin', '00000001'), rom('a.bin', '00000001'), rom('b.bin', '00000002')])).not.toBe(a);
    expect(gameContent([])).toBe('');
  });

  it('compares hashes as the catalogue stores them (case, crc padding)', () => {
    expect(gameContent([normaliseRom({ name: 'a', size: 1, crc: 'ABC', sha1: 'DEADBEEF' })])).toBe(
      gameContent([normaliseRom({ name: 'a', size: 1, crc: '00000abc', sha1: 'deadbeef' })]),
    );
  });
});

describe('romChanges', () => {
  it('lists added, removed and re-hashed ROMs of a changed game; moved data is unchanged', () => {
    const before = [rom('prog.bin', '11111111'), rom('gfx.bin', '22222222'), rom('old.bin', '33333333'), rom('snd.bin', '44444444')];
    const after = [rom('program.bin', '11111111'), rom('gfx.bin', '2222aaaa'), rom('snd.bin', '44444444'), rom('new.bin', '55555555')];
    expect(romChanges(before, after)).toEqual({
      added: [rom('new.bin', '55555555')],
      removed: [rom('old.bin', '33333333')],
      rehashed: [{ name: 'gfx.bin', from: rom('gfx.bin', '22222222'), to: rom('gfx.bin', '2222aaaa') }],
    });
  });

  it('counts repeated ROMs', () => {
    expect(romChanges([rom('a', '1')], [rom('a', '1'), rom('b', '1')])).toEqual({ added: [rom('b', '1')], removed: [], rehashed: [] });
  });
});
