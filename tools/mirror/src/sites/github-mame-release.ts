import yazl from 'yazl';

/** Names MAME uses for a build: "0.289" → tag mame0289, asset mame0289lx.zip holding mame0289.xml. */
export function mameNames(build: string): { tag: string; asset: string; xml: string } {
  const [major, minor] = build.split('.');
  const tag = `mame${major}${(minor ?? '').padStart(3, '0')}`;
  return { tag, asset: `${tag}lx.zip`, xml: `${tag}.xml` };
}

/** What the generated ListXML holds, for tests to compare imports against. */
export const mameListXmlCounts = { machines: 6, roms: 11, disks: 1 };

/**
 * A small ListXML in the shape `mame -listxml` writes: the DTD, a parent and a clone, a BIOS with
 * biossets, a machine with a CHD disk, a device, a nodump rom, and the inputs, dipswitches and
 * ports a parser must skip.
 */
export function mameListXml(build: string): string {
  const { tag } = mameNames(build);
  return `<?xml version="1.0"?>
<!DOCTYPE mame [
<!ELEMENT mame (machine+)>
\t<!ATTLIST mame build CDATA #IMPLIED>
\t<!ATTLIST mame debug (yes|no) "no">
\t<!ATTLIST mame mameconfig CDATA #REQUIRED>
\t<!ELEMENT machine (description, year?, manufacturer?, biosset*, rom*, disk*, device_ref*, chip*, display*, sound?, input?, dipswitch*, driver?)>
\t\t<!ATTLIST machine name CDATA #REQUIRED>
\t\t<!ATTLIST machine sourcefile CDATA #IMPLIED>
\t\t<!ATTLIST machine isbios (yes|no) "no">
\t\t<!ATTLIST machine isdevice (yes|no) "no">
\t\t<!ATTLIST machine runnable (yes|no) "yes">
\t\t<!ATTLIST machine cloneof CDATA #IMPLIED>
\t\t<!ATTLIST machine romof CDATA #IMPLIED>
\t\t<!ELEMENT rom EMPTY>
\t\t\t<!ATTLIST rom name CDATA #REQUIRED>
\t\t\t<!ATTLIST rom bios CDATA #IMPLIED>
\t\t\t<!ATTLIST rom size CDATA #REQUIRED>
\t\t\t<!ATTLIST rom crc CDATA #IMPLIED>
\t\t\t<!ATTLIST rom sha1 CDATA #IMPLIED>
\t\t\t<!ATTLIST rom merge CDATA #IMPLIED>
\t\t\t<!ATTLIST rom region CDATA #IMPLIED>
\t\t\t<!ATTLIST rom offset CDATA #IMPLIED>
\t\t\t<!ATTLIST rom status (baddump|nodump|good) "good">
\t\t<!ELEMENT disk EMPTY>
\t\t\t<!ATTLIST disk name CDATA #REQUIRED>
\t\t\t<!ATTLIST disk sha1 CDATA #IMPLIED>
\t\t\t<!ATTLIST disk region CDATA #IMPLIED>
\t\t\t<!ATTLIST disk index CDATA #IMPLIED>
]>

<mame build="${build} (${tag})" debug="no" mameconfig="10">
\t<machine name="puckman" sourcefile="namco/pacman.cpp">
\t\t<description>Puck Man (Japan set 1)</description>
\t\t<year>1980</year>
\t\t<manufacturer>Namco</manufacturer>
\t\t<rom name="pm1_prg1.6e" size="2048" crc="f36e88ab" sha1="813cecf44bf5464b1aed64b36f5047e4c79ba176" region="maincpu" offset="0"/>
\t\t<rom name="pm1_prg2.6k" size="2048" crc="618bd9b3" sha1="b9ca52b63a49ddece768378d331deebbe34fe177" region="maincpu" offset="800"/>
\t\t<rom name="pm1-1.7f" size="32" crc="2fc650bd" sha1="8d0268dee78e47c712202b0ec4f1f51109b1f2a5" region="proms" offset="0"/>
\t\t<device_ref name="z80"/>
\t\t<chip type="cpu" tag="maincpu" name="Zilog Z80" clock="3072000"/>
\t\t<display tag="screen" type="raster" rotate="90" width="288" height="224" refresh="60.606061"/>
\t\t<sound channels="1"/>
\t\t<input players="2" coins="2" service="yes">
\t\t\t<control type="joy" player="1" buttons="0" ways="4"/>
\t\t</input>
\t\t<dipswitch name="Coinage" tag="DSW1" mask="3">
\t\t\t<diplocation name="SW1" number="1"/>
\t\t\t<dipvalue name="2 Coins/1 Credit" value="3"/>
\t\t\t<dipvalue name="1 Coin/1 Credit" value="1" default="yes"/>
\t\t</dipswitch>
\t\t<port tag=":IN0"><analog mask="16"/></port>
\t\t<driver status="good" emulation="good" savestate="supported"/>
\t</machine>
\t<machine name="pacman" sourcefile="namco/pacman.cpp" cloneof="puckman" romof="puckman">
\t\t<description>Pac-Man (Midway)</description>
\t\t<year>1980</year>
\t\t<manufacturer>Namco (Midway license)</manufacturer>
\t\t<rom name="pacman.6e" size="4096" crc="c1e6ab10" sha1="e87e059c5be45753f7e9f33dff851f16d6751181" region="maincpu" offset="0"/>
\t\t<rom name="pm1-1.7f" merge="pm1-1.7f" size="32" crc="2fc650bd" sha1="8d0268dee78e47c712202b0ec4f1f51109b1f2a5" region="proms" offset="0"/>
\t\t<device_ref name="z80"/>
\t\t<driver status="good" emulation="good" savestate="supported"/>
\t</machine>
\t<machine name="neogeo" sourcefile="neogeo/neogeo.cpp" isbios="yes">
\t\t<description>Neo-Geo MV-6F</description>
\t\t<year>1990</year>
\t\t<manufacturer>SNK</manufacturer>
\t\t<biosset name="euro" description="Europe MVS (Ver. 2)" default="yes"/>
\t\t<biosset name="japan" description="Japan MVS (Ver. 3)"/>
\t\t<rom name="sp-s2.sp1" bios="euro" size="131072" crc="9036d879" sha1="4f5ed7105b7128794654ce82b51723e16e389543" region="mainbios" offset="0"/>
\t\t<rom name="vs-bios.rom" bios="japan" size="131072" crc="f0e8f27d" sha1="ecf01eda815909f1facec62abf3594eaa8d11075" region="mainbios" offset="0"/>
\t\t<rom name="sm1.sm1" size="131072" crc="94416d67" sha1="42f9d7ddd6c0931fd64226a60dc73602b2819dcf" region="audiobios" offset="0"/>
\t\t<driver status="good" emulation="good" savestate="supported"/>
\t</machine>
\t<machine name="kinst" sourcefile="midway/kinst.cpp">
\t\t<description>Killer Instinct (v1.5d)</description>
\t\t<year>1994</year>
\t\t<manufacturer>Rare / Nintendo</manufacturer>
\t\t<rom name="ki-l15d.u98" size="524288" crc="7b65ca3d" sha1="607394d4ba1a24c3f8e5e5f25a1ed53b5a2a1e93" region="user1" offset="0"/>
\t\t<rom name="u10-l1" size="524288" status="nodump" region="user2" offset="0"/>
\t\t<disk name="kinst" sha1="81d833236e994528d1482979261401b198d1ca53" region="ide:0:hdd" index="0" writable="no"/>
\t\t<driver status="good" emulation="good" savestate="unsupported"/>
\t</machine>
\t<machine name="z80" sourcefile="src/devices/cpu/z80/z80.cpp" isdevice="yes" runnable="no">
\t\t<description>Zilog Z80</description>
\t</machine>
\t<machine name="ym2151" sourcefile="src/devices/sound/ym2151.cpp" isdevice="yes" runnable="no">
\t\t<description>Yamaha YM2151 OPM</description>
\t\t<rom name="ym2151.bin" size="1024" crc="00000000" sha1="0000000000000000000000000000000000000000" region="ym2151" offset="0" status="baddump"/>
\t</machine>
</mame>
`;
}

/** `mameNNNNlx.zip` holding `mameNNNN.xml`, as MAME's GitHub releases ship it. */
export async function mameReleaseZip(build: string, xml = mameListXml(build)): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(xml), mameNames(build).xml, {
    mtime: new Date('2026-10-29T00:00:00Z'),
    compress: true,
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
