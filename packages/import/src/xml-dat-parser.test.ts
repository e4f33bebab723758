import { DatFormatError } from './errors.js';
import { describe, expect, it } from 'vitest';
import { MAX_PENDING_CHARS } from './pending-input.js';
import { parseError, parseEveryWay, parseText } from './test-support/parse-text.js';

const rom = (fields: Record<string, unknown>) => ({
  name: '',
  size: null,
  crc: null,
  md5: null,
  sha1: null,
  sha256: null,
  status: null,
  merge: null,
  serial: null,
  ...fields,
});

describe('Logiqx XML', () => {
  it('reads header, games, roms and disks with CRLF and no trailing newline', async () => {
    const dat = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<datafile>',
      '\t<header>',
      '\t\t<name>Test</name>',
      '\t\t<description>Test DAT</description>',
      '\t\t<version>20260101</version>',
      '\t\t<clrmamepro forcenodump="ignore"/>',
      '\t</header>',
      '\t<game name="Parent" isbios="yes">',
      '\t\t<description>Parent game</description>',
      '\t\t<year>1994</year>',
      '\t\t<manufacturer>Acme</manufacturer>',
      '\t\t<release name="x" region="EUR"/>',
      '\t\t<rom name="a.bin" size="1024" crc="0123ABCD" md5="D41D8CD98F00B204E9800998ECF8427E" sha1="da39a3ee5e6b4b0d3255bfef95601890afd80709" status="verified"/>',
      '\t\t<disk name="cd" sha1="ABCDEF" status="baddump"/>',
      '\t</game>',
      '\t<game name="Clone" cloneof="Parent" romof="Parent"><rom name="b.bin" size="2" crc="abc" merge="a.bin"/></game>',
      '</datafile>',
    ].join('\r\n');
    const parsed = await parseEveryWay(dat);
    expect(parsed.format).toBe('logiqx');
    expect(parsed.headerSeen).toEqual({ name: 'Test', description: 'Test DAT', version: '20260101' });
    expect(parsed.list).toEqual([
      {
        name: 'Parent',
        description: 'Parent game',
        year: '1994',
        manufacturer: 'Acme',
        cloneOf: null,
        romOf: null,
        isBios: true,
        isDevice: false,
        roms: [
          rom({
            name: 'a.bin',
            size: 1024,
            crc: '0123ABCD',
            md5: 'D41D8CD98F00B204E9800998ECF8427E',
            sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
            status: 'verified',
          }),
        ],
        disks: [{ name: 'cd', md5: null, sha1: 'ABCDEF', status: 'baddump', merge: null }],
      },
      {
        name: 'Clone',
        description: null,
        year: null,
        manufacturer: null,
        cloneOf: 'Parent',
        romOf: 'Parent',
        isBios: false,
        isDevice: false,
        // A CRC missing its leading zeros is passed on as written: the store normalises it.
        roms: [rom({ name: 'b.bin', size: 2, crc: 'abc', merge: 'a.bin' })],
        disks: [],
      },
    ]);
    expect({ games: parsed.games, roms: parsed.roms, disks: parsed.disks }).toEqual({ games: 2, roms: 2, disks: 1 });
  });

  it('never applies DTD default attributes, but uses entities the internal subset declares', async () => {
    const dat = `<?xml version="1.0"?>
<!DOCTYPE datafile [
  <!ELEMENT datafile (header?, game*)>
  <!ATTLIST rom status (baddump|nodump|good|verified) "good">
  <!ATTLIST game isbios (yes|no) "no">
  <!ENTITY corp "Acme &amp; Sons">
  <!-- a comment with ] and > inside -->
]>
<datafile><game name="g"><manufacturer>&corp;</manufacturer><rom name="r" size="1"/></game></datafile>`;
    const parsed = await parseEveryWay(dat);
    expect(parsed.list[0]!.manufacturer).toBe('Acme & Sons');
    expect(parsed.list[0]!.roms[0]!.status).toBeNull();
  });

  it('decodes entities and numeric references, and keeps a stray bare &', async () => {
    const dat =
      '<datafile><game name="Tom &amp; Jerry &#x263A; &#233;t&#xE9; &apos;q&apos; &quot;z&quot; &lt;1&gt;">' +
      '<description>Rock & Roll &unknown; &#0; x</description>' +
      '<rom name="Bits & Pieces.bin" size="1"/></game></datafile>';
    const parsed = await parseEveryWay(dat);
    expect(parsed.list[0]!.name).toBe('Tom & Jerry \u263A été \'q\' "z" <1>');
    expect(parsed.list[0]!.description).toBe('Rock & Roll &unknown; &#0; x');
    expect(parsed.list[0]!.roms[0]!.name).toBe('Bits & Pieces.bin');
  });

  it('reads <machine> inside <datafile>, empty games, duplicates and nodump roms without hashes', async () => {
    const dat = `<datafile>
<machine name="m"><rom name="a" size="1" crc="1"/><rom name="a" size="1" crc="1"/></machine>
<game name="empty"/>
<game name="empty"></game>
<game name="nd"><rom name="x" size="512" status="nodump"/></game>
<game><rom name="no-name-game" size="1,024"/></game>
</datafile>`;
    const parsed = await parseEveryWay(dat);
    expect(parsed.list.map((g) => [g.name, g.roms.length])).toEqual([
      ['m', 2],
      ['empty', 0],
      ['empty', 0],
      ['nd', 1],
      ['', 1],
    ]);
    expect(parsed.list[3]!.roms[0]).toEqual(rom({ name: 'x', size: 512, status: 'nodump' }));
    expect(parsed.list[4]!.roms[0]!.size).toBe(1024);
    expect({ games: parsed.games, roms: parsed.roms }).toEqual({ games: 5, roms: 4 });
  });

  it('takes CDATA, single quotes and ">" inside attribute values', async () => {
    const dat = `<datafile><game name='a>b'><description><![CDATA[x < y & z]]></description><rom name="1>2" size='3'/></game></datafile>`;
    const parsed = await parseEveryWay(dat);
    expect(parsed.list[0]).toMatchObject({ name: 'a>b', description: 'x < y & z', roms: [{ name: '1>2', size: 3 }] });
  });

  it('reads Latin-1 files that say so, and UTF-16 with a BOM', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<datafile><game name="Pok'),
      Buffer.from([0xe9]),
      Buffer.from('mon"/></datafile>'),
    ]);
    expect((await parseText(latin1)).list[0]!.name).toBe('Pokémon');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<datafile><game name="é"/></datafile>', 'utf16le')]);
    expect((await parseText(utf16, 5)).list[0]!.name).toBe('é');
  });

  it('fails a malformed file with the file, line and cause on one line', async () => {
    const cases: [string, number, string][] = [
      ['<datafile>\n<game name="a">\n<rom name="r"/>\n</datafile>', 4, 'expected </game>, found </datafile>'],
      ['<datafile>\n<game name="a">\n<rom name="r"/>\n', 4, 'unexpected end of file: <game> is not closed'],
      ['<datafile>\n<game name="a"\n', 2, 'unexpected end of file inside markup'],
      ['<datafile>\n<game name="a"><rom name="x" <rom/></game></datafile>', 2, 'a tag is not closed before the next "<"'],
      ['<datafile></datafile>\n<datafile></datafile>', 2, 'a second root element <datafile>'],
    ];
    for (const [text, line, cause] of cases) {
      for (const size of [1, 1 << 20]) {
        const error = await parseError(text, size);
        expect(error).toBeInstanceOf(DatFormatError);
        expect(error.message).toBe(`test.dat, line ${line}: ${cause}`);
        expect(error.line).toBe(line);
      }
    }
  });
});

describe('MAME ListXML', () => {
  it('reads machines, roms and disks and skips everything else without building it', async () => {
    const dat = `<?xml version="1.0"?>
<!DOCTYPE mame [
<!ELEMENT mame (machine+)>
<!ATTLIST machine isbios (yes|no) "no">
<!ATTLIST machine isdevice (yes|no) "no">
<!ATTLIST rom status (baddump|nodump|good) "good">
]>
<mame build="0.289 (mame0289)" debug="no" mameconfig="10">
	<machine name="neogeo" sourcefile="neogeo/neogeo.cpp" isbios="yes">
		<description>Neo-Geo MV-6F</description>
		<year>1990</year>
		<manufacturer>SNK</manufacturer>
		<biosset name="euro" description="Europe MVS (Ver. 2)"/>
		<rom name="sp-s2.sp1" bios="euro" size="131072" crc="9036d879" sha1="4f5ed7105b7128794654ce82b51723e16e389543" region="mainbios" offset="0"/>
		<device_ref name="ym2610"/>
		<chip type="cpu" tag="maincpu" name="Motorola 68000" clock="12000000"/>
		<display tag="screen" type="raster" rotate="0" width="320" height="224" refresh="59.185606"/>
		<input players="2" coins="2"><control type="joy" player="1" buttons="4" ways="8"/></input>
		<dipswitch name="Test" tag="DSW" mask="1"><diplocation name="SW" number="1"/><dipvalue name="Off" value="1" default="yes"/></dipswitch>
		<port tag=":DSW"><analog mask="255"/></port>
		<driver status="good" emulation="good" savestate="supported"/>
	</machine>
	<machine name="ym2610" sourcefile="sound/ymopn.cpp" isdevice="yes" runnable="no">
		<description>YM2610</description>
	</machine>
	<machine name="kof98" cloneof="neogeo" romof="neogeo">
		<rom name="242-p1.p1" size="1048576" crc="8893df89" sha1="0cc52b3ed4b9d0b88a9c1b2d14ed9aebc4e44a07" region="maincpu"/>
		<rom name="missing.bin" size="2048" status="nodump" region="x"/>
		<disk name="kof98hd" sha1="0123456789abcdef0123456789abcdef01234567" region="ata" index="0" writable="no"/>
		<slot name="s"><slotoption name="o" devname="d" default="yes"/></slot>
	</machine>
</mame>
`;
    const parsed = await parseEveryWay(dat);
    expect(parsed.format).toBe('listxml');
    expect(parsed.headerSeen).toEqual({ name: 'MAME', description: 'MAME 0.289 (mame0289)', version: '0.289 (mame0289)' });
    expect(parsed.list.map((m) => [m.name, m.isBios, m.isDevice, m.roms.length, m.disks.length])).toEqual([
      ['neogeo', true, false, 1, 0],
      ['ym2610', false, true, 0, 0],
      ['kof98', false, false, 2, 1],
    ]);
    expect(parsed.list[0]).toMatchObject({ description: 'Neo-Geo MV-6F', year: '1990', manufacturer: 'SNK' });
    // DTD defaults (status="good", isbios="no") are not data the file wrote.
    expect(parsed.list[2]!.roms.map((r) => r.status)).toEqual([null, 'nodump']);
    expect(parsed.list[2]!.roms[1]).toMatchObject({ crc: null, sha1: null, size: 2048 });
    expect(parsed.list[2]!.disks[0]).toMatchObject({ name: 'kof98hd', sha1: '0123456789abcdef0123456789abcdef01234567' });
    expect({ games: parsed.games, roms: parsed.roms, disks: parsed.disks }).toEqual({ games: 3, roms: 3, disks: 1 });
  });

  it('accepts <game> entries in <mame> (old ListXML)', async () => {
    const parsed = await parseEveryWay('<mame build="0.100"><game name="pacman"><rom name="a" size="1"/></game></mame>');
    expect(parsed.list.map((g) => g.name)).toEqual(['pacman']);
  });
});

describe('XML: entity bombs and unclosed markup are bounded', () => {
  /** The "billion laughs": each entity is ten of the one before. */
  function laughs(levels: number, uses: number): string {
    const declarations = ['<!ENTITY l0 "lollollollollollollollollollol">'];
    for (let i = 1; i <= levels; i++) declarations.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
    const games = Array.from({ length: uses }, (_, i) => `<game name="g${i}"><description>&l${levels};</description></game>`);
    return `<?xml version="1.0"?>\n<!DOCTYPE datafile [\n${declarations.join('\n')}\n]>\n<datafile>\n${games.join('\n')}\n</datafile>\n`;
  }

  it('fails a 7-level entity bomb (4.7 KB) as soon as its expansions pass the budget, naming file and line', async () => {
    const text = laughs(7, 1);
    expect(text.length).toBeLessThan(5000);
    const error = await parseError(text);
    expect(error).toBeInstanceOf(DatFormatError);
    expect(error.message).toMatch(/^test\.dat, line 2: entity "l5" expands past the limit of 10 MiB of entity text .*an entity bomb\?\)$/);
  });

  it('fails an entity used over and over once the expanded text passes 10 MiB + 5x the input', async () => {
    // l4 is 300 kB: each use is allowed until the total passes the budget.
    const error = await parseError(laughs(4, 200));
    expect(error).toBeInstanceOf(DatFormatError);
    expect(error.message).toMatch(/^test\.dat, line \d+: entity "l4" expands past the limit/);
    expect(error.line).toBeGreaterThan(8);
    // A few uses stay well inside it.
    const parsed = await parseText(laughs(4, 3));
    expect(parsed.list[2]!.description).toHaveLength(300_000);
  });

  it('fails entities nested deeper than 40 levels', async () => {
    const declarations = ['<!ENTITY e0 "x">'];
    for (let i = 1; i <= 41; i++) declarations.push(`<!ENTITY e${i} "&e${i - 1};">`);
    const error = await parseError(`<!DOCTYPE datafile [\n${declarations.join('\n')}\n]>\n<datafile/>`);
    expect(error.message).toBe('test.dat, line 1: entity "e40" nests entities 41 deep (the limit is 40; an entity bomb?)');
  });

  it('fails a comment that never closes at the pending-text limit, with its line', async () => {
    const text = Buffer.alloc(MAX_PENDING_CHARS + (2 << 20), 0x61);
    Buffer.from('<datafile>\n<game name="a"/>\n<!-- ').copy(text);
    const error = await parseError(text, 64 * 1024);
    expect(error.message).toBe('test.dat, line 3: markup is not closed within 16 MiB (not well-formed XML)');
  });
});
