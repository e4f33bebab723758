import path from 'node:path';
import { DatFormatError } from './errors.js';
import { describe, expect, it } from 'vitest';
import { parseDat } from './parse-dat.js';
import { MAX_PENDING_CHARS } from './pending-input.js';
import { fixturesDir } from './test-support/fixtures.js';
import { parseError, parseEveryWay } from './test-support/parse-text.js';

describe('ClrMamePro text', () => {
  it('reads the header, games, roms and disks (CRLF, no trailing newline)', async () => {
    const dat = [
      'clrmamepro (',
      '\tname "Atari - 7800"',
      '\tdescription "Atari - 7800 (20260801)"',
      '\tversion 2026.08.01',
      '\tforcemerging none',
      ')',
      '',
      'game (',
      '\tname "1942 (World)"',
      '\tdescription "1942 (World)"',
      '\tyear 1984',
      '\tmanufacturer "Acme"',
      '\tcloneof "1941"',
      '\trom ( name "1942 (World).a78" size 262272 crc C44CD08A md5 9c1ac6c8a85b4787d4c521189485fa98 sha1 C7D22ECDCD7F86B1F114D769CD053C568188BDA9 )',
      '\tdisk ( name "cd" sha1 0123 )',
      '\tsample ( name "s" )',
      ')',
      'resource ( name bios rom ( name b.rom size 16 crc 1 ) )',
    ].join('\r\n');
    const parsed = await parseEveryWay(dat);
    expect(parsed.format).toBe('clrmamepro');
    expect(parsed.headerSeen).toEqual({ name: 'Atari - 7800', description: 'Atari - 7800 (20260801)', version: '2026.08.01' });
    expect(parsed.list[0]).toEqual({
      name: '1942 (World)',
      description: '1942 (World)',
      year: '1984',
      manufacturer: 'Acme',
      cloneOf: '1941',
      romOf: null,
      isBios: false,
      isDevice: false,
      roms: [
        {
          name: '1942 (World).a78',
          size: 262272,
          crc: 'C44CD08A',
          md5: '9c1ac6c8a85b4787d4c521189485fa98',
          sha1: 'C7D22ECDCD7F86B1F114D769CD053C568188BDA9',
          sha256: null,
          status: null,
          merge: null,
          serial: null,
        },
      ],
      disks: [{ name: 'cd', md5: null, sha1: '0123', status: null, merge: null }],
    });
    expect(parsed.list[1]).toMatchObject({ name: 'bios', isBios: true, roms: [{ name: 'b.rom', size: 16, crc: '1' }] });
    expect({ games: parsed.games, roms: parsed.roms, disks: parsed.disks }).toEqual({ games: 2, roms: 2, disks: 1 });
  });

  it('takes quoted numbers, sizes with commas and values glued to the next key', async () => {
    const dat = 'game ( name "g" rom ( name "x.lha"size 366212 crc "0A1B" ) rom ( name y size "2347" ) rom ( name z size 2,347 ) )';
    const parsed = await parseEveryWay(dat);
    expect(parsed.list[0]!.roms.map((r) => [r.name, r.size, r.crc])).toEqual([
      ['x.lha', 366212, '0A1B'],
      ['y', 2347, null],
      ['z', 2347, null],
    ]);
  });

  it('keeps parentheses inside unquoted values, escaped quotes, and strings spanning lines', async () => {
    const dat = `game (
\tname Farm(v1.0)
\tdescription "The \\"Best\\" Game
second line"
\trom ( name Farm(v1.0).dsk size 1 crc 5)
)
game(name after)`;
    const parsed = await parseEveryWay(dat);
    expect(parsed.list[0]!.name).toBe('Farm(v1.0)');
    expect(parsed.list[0]!.description).toBe('The "Best" Game\nsecond line');
    expect(parsed.list[0]!.roms[0]).toMatchObject({ name: 'Farm(v1.0).dsk', size: 1, crc: '5' });
    expect(parsed.list[1]!.name).toBe('after');
  });

  it('reads entries with no name, games with no roms, duplicate names and nodump roms', async () => {
    const dat = `clrmamepro ( name "x" )
game ( description "nameless" rom ( size 1 crc 00000001 ) )
game ( name dup )
game ( name dup rom ( name a size 1 crc 1 ) rom ( name a size 1 crc 1 ) )
game ( name nd rom ( name m size 512 flags nodump ) )`;
    const parsed = await parseEveryWay(dat);
    expect(parsed.list.map((g) => [g.name, g.roms.length])).toEqual([
      ['', 1],
      ['dup', 0],
      ['dup', 2],
      ['nd', 1],
    ]);
    expect(parsed.list[0]!.roms[0]!.name).toBe('');
    expect(parsed.list[3]!.roms[0]).toMatchObject({ status: 'nodump', crc: null, sha1: null });
    expect({ games: parsed.games, roms: parsed.roms }).toEqual({ games: 4, roms: 4 });
  });

  it('fails a malformed file with the file, line and cause', async () => {
    const cases: [string, number, string][] = [
      ['clrmamepro ( name x )\ngame (\n name "a"\n', 4, 'unexpected end of file: "game (" from line 2 is not closed'],
      ['game ( name "a\n)\n', 1, 'a quoted string is not closed before the end of the file'],
      ['game ( name a )\n)\n', 2, 'unexpected ")" outside any block'],
      ['game ( name a )\ngame name b )', 2, 'expected "(" after "game", found "name"'],
    ];
    for (const [text, line, cause] of cases) {
      for (const size of [1, 1 << 20]) {
        const error = await parseError(text, size);
        expect(error).toBeInstanceOf(DatFormatError);
        expect(error.message).toBe(`test.dat, line ${line}: ${cause}`);
      }
    }
  });
});

describe('ClrMamePro text: malformed values and hostile input', () => {
  it("reads libretro-database's Arduboy DAT whole: the doubled quote on line 149 is read and warned about", async () => {
    const file = path.join(fixturesDir, 'malformed', 'libretro', 'Arduboy Inc - Arduboy.dat');
    const warnings: string[] = [];
    const names: [string, string | null][] = [];
    const result = await parseDat(file, {
      onWarning: (message) => warnings.push(message),
      onGame: (game) => {
        names.push([game.name, game.description]);
      },
    });
    expect({ games: result.games, roms: result.roms }).toEqual({ games: 17, roms: 17 });
    expect(names.find(([name]) => name === 'Tunnel Terror')).toEqual(['Tunnel Terror', '"Tunnel Terror" - fly through the tunnel and dodge the walls']);
    expect(names.at(-1)).toEqual(['After Terror', 'The game after the malformed line still reads']);
    expect(warnings).toEqual([`${file}, line 149: "description" starts with a doubled quote; read as "\\"Tunnel Terror\\" - fly through the tunnel and dodge the walls"`]);
    expect(result.warnings).toEqual(warnings);
  });

  it('keeps "" before a space or ")" an empty string, and reads a doubled quote with no closing quote to the end of its line', async () => {
    const dat = 'game ( name "" description "" )\ngame ( name b description ""oops\n rom ( name r size 1 ) )';
    const parsed = await parseEveryWay(dat);
    expect(parsed.list.map((g) => [g.name, g.description])).toEqual([
      ['', null],
      ['b', '"oops'],
    ]);
    expect(parsed.list[1]!.roms).toHaveLength(1);
    expect(parsed.warnings).toEqual(['test.dat, line 2: "description" starts with a doubled quote; read as "\\"oops"']);
  });

  it('fails an unclosed quote at the pending-text limit, naming file and line, instead of reading to the end', async () => {
    const size = MAX_PENDING_CHARS + (4 << 20);
    const text = Buffer.alloc(size, 0x61);
    Buffer.from('clrmamepro ( name x )\ngame ( name "').copy(text);
    const error = await parseError(text, 64 * 1024);
    expect(error).toBeInstanceOf(DatFormatError);
    expect(error.message).toBe('test.dat, line 2: a quoted string runs on for more than 16 MiB without closing (not a ClrMamePro DAT)');
  });
});
