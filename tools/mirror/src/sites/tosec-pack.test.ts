import { describe, expect, it } from 'vitest';
import { tosecPackFiles, zipFiles } from './tosec-pack.js';

describe('the TOSEC pack builder', () => {
  it('builds a real zip whose CUE name is flagged UTF-8 but holds a CP437 byte', async () => {
    const zip = await zipFiles(tosecPackFiles('2025-03-13'));
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(zip.includes(Buffer.from('Disc (Caf\x82).cue', 'latin1'))).toBe(true);
    expect(zip.includes(Buffer.from('Disc (Caf_).cue'))).toBe(false);
    expect(zip.includes(Buffer.from('TOSEC-PIX/Commodore Amiga - Magazines (TOSEC-v2025-03-13).dat'))).toBe(true);
  });
});
