// Writes a MAME-ListXML-shaped file for the import benchmark: deterministic (seeded), about 48,000
// machines with roms, disks, device refs, chips, displays, inputs, dipswitches and ports, ~150 MB.
// Usage: node tools/bench/import-generate.mjs OUT.xml [machines]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const makers = ['Capcom', 'SNK', 'Namco', 'Konami', 'Sega', 'Taito', 'Irem', 'Data East', 'Atari', 'Williams', 'bootleg', 'Nintendo & Co'];
const regions = ['maincpu', 'audiocpu', 'gfx1', 'gfx2', 'sprites', 'ymsnd', 'proms', 'plds', 'user1', 'qsound'];
const controls = ['joy', 'stick', 'paddle', 'dial', 'trackball', 'pedal'];

/** Streams the file; resolves to { machines, roms, disks, bytes }. */
export async function generateListXml(file, machines = 48_000, seed = 289) {
  const rnd = random(seed);
  const int = (n) => Math.floor(rnd() * n);
  const hex = (digits) => {
    let s = '';
    for (let i = 0; i < digits; i += 8) s += (int(0x100000000) >>> 0).toString(16).padStart(8, '0');
    return s.slice(0, digits);
  };
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let bytes = 0;
  const write = async (text) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('<?xml version="1.0"?>\n<!DOCTYPE mame [\n<!ELEMENT mame (machine+)>\n<!ATTLIST mame build CDATA #IMPLIED>\n' +
    '<!ATTLIST machine isbios (yes|no) "no">\n<!ATTLIST machine isdevice (yes|no) "no">\n<!ATTLIST machine runnable (yes|no) "yes">\n' +
    '<!ATTLIST rom status (baddump|nodump|good) "good">\n<!ATTLIST rom optional (yes|no) "no">\n]>\n\n<mame build="0.289 (mame0289)" debug="no" mameconfig="10">\n');
  let roms = 0;
  let disks = 0;
  const parents = [];
  let batch = '';
  for (let m = 0; m < machines; m++) {
    const kind = rnd();
    const device = kind < 0.15;
    const bios = !device && kind < 0.17;
    const clone = !device && !bios && kind > 0.57 && parents.length > 0;
    const name = `${device ? 'dev' : 'game'}${m.toString(36)}`;
    let x = `\t<machine name="${name}" sourcefile="${makers[m % makers.length].toLowerCase().replace(/[^a-z]/g, '')}/drv${m % 700}.cpp"`;
    if (bios) x += ' isbios="yes"';
    if (device) x += ' isdevice="yes" runnable="no"';
    if (clone) {
      const parent = parents[int(parents.length)];
      x += ` cloneof="${parent}" romof="${parent}"`;
    }
    x += '>\n';
    x += `\t\t<description>${device ? 'Device' : 'Game'} number ${m} (World, rev ${int(9)}) &amp; more</description>\n`;
    x += `\t\t<year>${1975 + int(40)}</year>\n\t\t<manufacturer>${makers[int(makers.length)].replace('&', '&amp;')}</manufacturer>\n`;
    if (bios) x += `\t\t<biosset name="euro" description="Europe BIOS" default="yes"/>\n\t\t<biosset name="us" description="US BIOS"/>\n`;
    const romCount = device ? int(3) : 3 + int(10);
    for (let r = 0; r < romCount; r++) {
      roms++;
      const size = 1 << (10 + int(11));
      const region = regions[int(regions.length)];
      if (rnd() < 0.01) {
        x += `\t\t<rom name="${name}_${r}.u${r}" size="${size}" status="nodump" region="${region}" offset="0"/>\n`;
      } else {
        const merge = clone && rnd() < 0.4 ? ` merge="${name}_${r}.u${r}"` : '';
        x += `\t\t<rom name="${name}_${r}.u${r}"${merge} size="${size}" crc="${hex(8)}" sha1="${hex(40)}" region="${region}" offset="${(r * size).toString(16)}"/>\n`;
      }
    }
    if (!device && rnd() < 0.02) {
      disks++;
      x += `\t\t<disk name="${name}hd" sha1="${hex(40)}" region="ata:0:hdd" index="0" writable="no"/>\n`;
    }
    const refs = device ? int(2) : 3 + int(8);
    for (let d = 0; d < refs; d++) x += `\t\t<device_ref name="dev${int(Math.max(1, m)).toString(36)}"/>\n`;
    const chips = device ? 1 : 2 + int(4);
    for (let c = 0; c < chips; c++) x += `\t\t<chip type="${c % 2 ? 'audio' : 'cpu'}" tag="chip${c}" name="Zilog Z80" clock="${3000000 + int(9000000)}"/>\n`;
    if (!device) {
      x += `\t\t<display tag="screen" type="raster" rotate="${int(4) * 90}" width="384" height="224" refresh="59.637405" pixclock="8000000" htotal="512" hbend="64" hbstart="448" vtotal="262" vbend="16" vbstart="240"/>\n`;
      x += `\t\t<sound channels="${1 + int(2)}"/>\n`;
      x += `\t\t<input players="${1 + int(4)}" coins="${1 + int(4)}" service="yes">\n`;
      for (let c = 0; c < 1 + int(3); c++) x += `\t\t\t<control type="${controls[int(controls.length)]}" player="${c + 1}" buttons="${int(7)}" ways="8"/>\n`;
      x += '\t\t</input>\n';
      const switches = 2 + int(6);
      for (let s = 0; s < switches; s++) {
        x += `\t\t<dipswitch name="Switch ${s} &lt;A&gt;" tag="DSW${s % 2}" mask="${1 << s % 8}">\n\t\t\t<diplocation name="SW${s % 2 + 1}" number="${s % 8 + 1}"/>\n`;
        for (let v = 0; v < 2 + int(6); v++) x += `\t\t\t<dipvalue name="Value ${v}" value="${v}"${v === 0 ? ' default="yes"' : ''}/>\n`;
        x += '\t\t</dipswitch>\n';
      }
      const ports = 3 + int(6);
      for (let p = 0; p < ports; p++) x += `\t\t<port tag=":IN${p}">\n\t\t\t<analog mask="${1 << p % 8}"/>\n\t\t</port>\n`;
      x += `\t\t<driver status="${rnd() < 0.8 ? 'good' : 'imperfect'}" emulation="good" savestate="supported"/>\n`;
      if (!clone) parents.push(name);
    }
    x += '\t</machine>\n';
    batch += x;
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  await write(`${batch}</mame>\n`);
  out.end();
  await once(out, 'close');
  return { machines, roms, disks, bytes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: node tools/bench/import-generate.mjs OUT.xml [machines]\n');
    process.exit(2);
  }
  const result = await generateListXml(file, Number(process.argv[3] ?? 48_000));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
