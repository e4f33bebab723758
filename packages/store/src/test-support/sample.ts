import type { DatInput, GameInput } from '../types.js';

export const SHA1_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const SHA1_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

export function datInput(overrides: Partial<DatInput> = {}): DatInput {
  return {
    source: 'opengood',
    path: 'opengood/Nintendo - Game Boy.dat',
    format: 'logiqx',
    header: { name: 'Nintendo - Game Boy', description: 'GB', version: '20260101', author: 'someone' },
    size: 1234,
    sha1: SHA1_A,
    ...overrides,
  };
}

export function game(name: string, roms: GameInput['roms'] = [], extra: Partial<GameInput> = {}): GameInput {
  return { name, roms, disks: [], ...extra };
}
