import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeCp437 } from './cp437.js';
import { decodeZipEntryName } from './zip-entry-name.js';

const UTF8 = 0x800;

describe('decodeZipEntryName', () => {
  it('decodes flagged UTF-8 names', () => {
    expect(decodeZipEntryName(Buffer.from('Pokémon (日本).dat'), UTF8)).toEqual({ name: 'Pokémon (日本).dat' });
  });

  it('reads unflagged names as CP437, per the zip spec', () => {
    expect(decodeZipEntryName(Buffer.from([0x4d, 0x61, 0xa4, 0x61, 0x6e, 0x61]), 0)).toEqual({ name: 'Mañana' });
    expect(decodeCp437(Buffer.from([0x80, 0xe1, 0xff]))).toBe('Çß\u00a0');
  });

  it('accepts unflagged names that are valid UTF-8 (many tools omit the flag)', () => {
    expect(decodeZipEntryName(Buffer.from('Café.cue'), 0)).toEqual({ name: 'Café.cue' });
  });

  it('falls back to CP437 with a warning when a flagged name is not UTF-8', () => {
    const decoded = decodeZipEntryName(Buffer.from([0x43, 0x61, 0x66, 0x82, 0x2e, 0x63, 0x75, 0x65]), UTF8);
    expect(decoded.name).toBe('Café.cue');
    expect(decoded.warning).toMatch(/not valid UTF-8; read as CP437/);
  });

  it('prefers an Info-ZIP Unicode Path extra field whose CRC matches the name', () => {
    const raw = Buffer.from('Caf?.dat');
    const field = (nameCrc: number) => {
      const data = Buffer.alloc(5);
      data[0] = 1;
      data.writeUInt32LE(nameCrc, 1);
      return { id: 0x7075, data: Buffer.concat([data, Buffer.from('Café.dat')]) };
    };
    expect(decodeZipEntryName(raw, 0, [field(crc32(raw))])).toEqual({ name: 'Café.dat' });
    expect(decodeZipEntryName(raw, 0, [field(crc32(raw) ^ 1)])).toEqual({ name: 'Caf?.dat' });
  });
});
