import yazl from 'yazl';

/** One file in a zip the mirror serves; `rawName` replaces the name's bytes (badly encoded names). */
export interface ZipFileSpec {
  name: string;
  data: string | Buffer;
  rawName?: Buffer;
}

/** Builds a real zip in memory (yazl), optionally patching entry names to bytes yazl would not write. */
export async function zipFiles(files: readonly ZipFileSpec[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) {
    zip.addBuffer(Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data), file.name, {
      mtime: new Date('2025-01-01T00:00:00Z'),
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  let bytes = Buffer.concat(chunks);
  for (const file of files) {
    if (file.rawName === undefined) continue;
    const from = Buffer.from(file.name);
    if (from.length !== file.rawName.length) throw new Error(`rawName must keep the length of ${file.name}`);
    // Both the local header and the central directory carry the name; the flags still say UTF-8.
    for (let at = bytes.indexOf(from); at !== -1; at = bytes.indexOf(from, at + from.length)) {
      bytes = Buffer.concat([bytes.subarray(0, at), file.rawName, bytes.subarray(at + from.length)]);
    }
  }
  return bytes;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A small Logiqx DAT in TOSEC's style (header name, description with the version, TOSEC as author). */
export function tosecStyleDat(system: string, date: string, games = 2): string {
  const lines = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE datafile PUBLIC "-//Logiqx//DTD ROM Management Datafile//EN" "http://www.logiqx.com/Dats/datafile.dtd">',
    '<datafile>',
    '\t<header>',
    `\t\t<name>${escapeXml(system)}</name>`,
    `\t\t<description>${escapeXml(system)} (TOSEC-v${date})</description>`,
    '\t\t<category>TOSEC</category>',
    `\t\t<version>${date}</version>`,
    '\t\t<author>TOSEC mirror</author>',
    '\t\t<email>contact@tosecdev.org</email>',
    '\t\t<homepage>TOSEC</homepage>',
    '\t\t<url>http://www.tosecdev.org/</url>',
    '\t</header>',
  ];
  for (let i = 1; i <= games; i++) {
    const name = `${system} Game ${i} (${date.slice(0, 4)})(Mirror)`;
    const crc = ((i * 0x9e3779b1) >>> 0).toString(16).padStart(8, '0');
    lines.push(
      `\t<game name="${escapeXml(name)}">`,
      `\t\t<description>${escapeXml(name)}</description>`,
      `\t\t<rom name="${escapeXml(name)}.bin" size="${1024 * i}" crc="${crc}" md5="${'0'.repeat(31)}${i % 10}" sha1="${'0'.repeat(39)}${i % 10}"/>`,
      '\t</game>',
    );
  }
  lines.push('</datafile>', '');
  return lines.join('\r\n');
}

/** The DATs of a mirror release: the three top folders of a real pack, and a badly encoded CUE name. */
export function tosecPackFiles(date: string): ZipFileSpec[] {
  const dat = (folder: string, system: string, games?: number): ZipFileSpec => ({
    name: `${folder}/${system} (TOSEC-v${date}).dat`,
    data: tosecStyleDat(system, date, games),
  });
  return [
    dat('TOSEC', 'Commodore Amiga - Games - [ADF]', 3),
    dat('TOSEC', 'Commodore Amiga - Demos - [ADF]'),
    dat('TOSEC', 'Sinclair ZX Spectrum - Games - [TAP]'),
    dat('TOSEC-ISO', 'Sony PlayStation - Games'),
    dat('TOSEC-PIX', 'Commodore Amiga - Magazines'),
    // A real pack holds one CUE whose name is flagged UTF-8 but is not (0x82 is CP437 "é").
    { name: 'TOSEC-ISO/Cues/Disc (Caf_).cue', rawName: Buffer.from('TOSEC-ISO/Cues/Disc (Caf\x82).cue', 'latin1'), data: 'FILE "Disc.bin" BINARY\r\n' },
  ];
}
