import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDat } from './parse-dat.js';
import { sniff } from './sniff.js';
import { expectedCounts, fixturesDir } from './test-support/fixtures.js';

const expected = expectedCounts();

describe('every fixture DAT matches EXPECTED.json', () => {
  it('has fixtures to check', () => {
    expect(Object.keys(expected).length).toBeGreaterThan(40);
  });

  for (const [relative, want] of Object.entries(expected)) {
    it(relative, async () => {
      const file = path.join(fixturesDir, relative);
      let withSha1 = 0;
      let withCrc = 0;
      let nodump = 0;
      let sizeSum = 0;
      let unnamed = 0;
      const result = await parseDat(file, {
        onGame(game) {
          for (const rom of game.roms) {
            if (rom.sha1 !== null) withSha1++;
            if (rom.crc !== null) withCrc++;
            if (rom.status === 'nodump') nodump++;
            if (rom.name === '') unnamed++;
            sizeSum += rom.size ?? 0;
          }
        },
      });
      expect({ format: result.format, games: result.games, roms: result.roms, disks: result.disks }).toEqual({
        format: want.format,
        games: want.games,
        roms: want.roms,
        disks: want.disks,
      });
      expect({ withSha1, withCrc, nodump, sizeSum, unnamed }).toEqual({
        withSha1: want.roms_with_sha1,
        withCrc: want.roms_with_crc,
        nodump: want.roms_nodump,
        sizeSum: want.rom_size_sum,
        unnamed: want.roms_unnamed,
      });
      expect(result.complete).toBe(true);
      const sniffed = await sniff(file);
      expect(sniffed.format).toBe(want.format);
      expect(sniffed.header.name).toBe(want.header_name);
      expect(sniffed.header.version).toBe(want.header_version);
    });
  }
});
