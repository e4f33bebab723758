import { describe, expect, it } from 'vitest';
import type { DatGame } from './types.js';
import { packGames, unpackGames } from './worker-protocol.js';

const game = (over: Partial<DatGame>): DatGame => ({
  name: 'g',
  description: null,
  year: null,
  manufacturer: null,
  cloneOf: null,
  romOf: null,
  isBios: false,
  isDevice: false,
  roms: [],
  disks: [],
  ...over,
});

describe('packGames', () => {
  it('round-trips games, keeping null apart from empty strings', () => {
    const games: DatGame[] = [
      game({
        name: 'kof98',
        description: '',
        year: '1998',
        manufacturer: 'SNK',
        cloneOf: 'neogeo',
        isBios: true,
        roms: [
          { name: 'a', size: 1024, crc: '0a', md5: null, sha1: 'FF', sha256: null, status: 'nodump', merge: 'b', serial: null },
          { name: '', size: null, crc: null, md5: null, sha1: null, sha256: null, status: null, merge: null, serial: 'S-1' },
        ],
        disks: [{ name: 'hd', md5: null, sha1: 'ab', status: null, merge: null }],
      }),
      game({ name: '', isDevice: true }),
      game({ name: 'Tom & Jerry (ü)' }),
    ];
    const packed = packGames(games);
    expect(typeof packed).toBe('string');
    expect(unpackGames(packed!)).toEqual(games);
    expect(unpackGames(packGames([])!)).toEqual([]);
  });

  it('declines values holding its separator characters (they go as objects)', () => {
    expect(packGames([game({ name: 'a\u001fb' })])).toBeNull();
    expect(packGames([game({ description: 'x\u0000y' })])).toBeNull();
  });
});
