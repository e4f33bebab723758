// How the import package's XML tokenizer was chosen: parse-only throughput and peak RSS of the
// candidates on the generated ListXML file, each in its own process, counting machines and roms.
//   rommer   @rommer/import's parseDat (indexOf-driven scanner; attributes parsed only for kept elements)
//   saxes    saxes streaming SAX parser building the same game objects (attributes parsed for every element)
//   fxp      fast-xml-parser on <machine>-sized chunks cut from the stream
//   python   python3 xml.etree.ElementTree.iterparse (the import benchmark's baseline)
// Usage: npx nx run @rommer/import:build; node tools/bench/import-tokenizers.mjs [machines]
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateListXml } from './import-generate.mjs';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '../..');

async function measure(mode, file) {
  let machines = 0;
  let roms = 0;
  const start = performance.now();
  if (mode === 'rommer') {
    const { parseDat } = await import(path.join(root, 'packages/import/dist/index.js'));
    await parseDat(file, {
      onGame(game) {
        machines++;
        roms += game.roms.length;
      },
    });
  } else if (mode === 'saxes') {
    // Builds the same game objects as rommer's parser, so the comparison is like for like.
    const { SaxesParser } = await import('saxes');
    const parser = new SaxesParser();
    let game;
    let field;
    let text = '';
    parser.on('opentag', (tag) => {
      const a = tag.attributes;
      if (tag.name === 'machine') {
        game = { name: a.name ?? '', description: null, year: null, manufacturer: null, cloneOf: a.cloneof ?? null, romOf: a.romof ?? null, isBios: a.isbios === 'yes', isDevice: a.isdevice === 'yes', roms: [], disks: [] };
      } else if (game && tag.name === 'rom') {
        game.roms.push({ name: a.name ?? '', size: a.size ? Number(a.size) : null, crc: a.crc ?? null, md5: a.md5 ?? null, sha1: a.sha1 ?? null, sha256: a.sha256 ?? null, status: a.status ?? null, merge: a.merge ?? null, serial: a.serial ?? null });
      } else if (game && tag.name === 'disk') {
        game.disks.push({ name: a.name ?? '', md5: a.md5 ?? null, sha1: a.sha1 ?? null, status: a.status ?? null, merge: a.merge ?? null });
      } else if (game && (tag.name === 'description' || tag.name === 'year' || tag.name === 'manufacturer')) {
        field = tag.name;
        text = '';
      }
    });
    parser.on('text', (t) => {
      if (field) text += t;
    });
    parser.on('closetag', (tag) => {
      if (field && tag.name === field) {
        game[field] = text.trim();
        field = undefined;
      } else if (tag.name === 'machine') {
        machines++;
        roms += game.roms.length;
        game = undefined;
      }
    });
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
    for await (const chunk of stream) parser.write(chunk);
    parser.close();
  } else if (mode === 'fxp') {
    const { XMLParser } = await import('fast-xml-parser');
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'rom' });
    let rest = '';
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
    for await (const chunk of stream) {
      rest += chunk;
      let from = 0;
      for (;;) {
        const open = rest.indexOf('<machine', from);
        if (open === -1) break;
        const close = rest.indexOf('</machine>', open);
        if (close === -1) break;
        const machine = parser.parse(rest.slice(open, close + 10)).machine;
        machines++;
        roms += machine.rom?.length ?? 0;
        from = close + 10;
      }
      rest = rest.slice(from);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return { machines, roms, seconds, rss: process.resourceUsage().maxRSS * 1024 };
}

if (process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(await measure(process.argv[3], process.argv[4])));
} else {
  const machines = Number(process.argv[2] ?? 48_000);
  const work = mkdtempSync(path.join(os.tmpdir(), 'rommer-bench-tokenizers-'));
  try {
    const file = path.join(work, 'mame.xml');
    const generated = await generateListXml(file, machines);
    const mbytes = generated.bytes / 1e6;
    console.log(`file: ${mbytes.toFixed(1)} MB, ${generated.machines} machines, ${generated.roms} roms`);
    spawnSync('cat', [file], { stdio: 'ignore' });
    const python = `import sys,time,resource\nimport xml.etree.ElementTree as ET\ns=time.perf_counter();m=r=0\nfor e,el in ET.iterparse(sys.argv[1]):\n  if el.tag=='rom': r+=1\n  elif el.tag=='machine':\n    m+=1; el.clear()\nimport json;print(json.dumps({'machines':m,'roms':r,'seconds':time.perf_counter()-s,'rss':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss*1024}))`;
    for (const mode of ['rommer', 'saxes', 'fxp', 'python']) {
      const child =
        mode === 'python'
          ? spawnSync('python3', ['-c', python, file], { encoding: 'utf8' })
          : spawnSync('node', [here, '--child', mode, file], { encoding: 'utf8', cwd: path.join(root, 'packages/import') });
      if (child.status !== 0) {
        console.log(`${mode}: failed: ${child.stderr.split('\n')[0]}`);
        continue;
      }
      const r = JSON.parse(child.stdout);
      console.log(
        `${mode.padEnd(7)} ${r.seconds.toFixed(2).padStart(6)} s  ${(mbytes / r.seconds).toFixed(0).padStart(4)} MB/s  peak RSS ${(r.rss / 1048576).toFixed(0).padStart(4)} MiB  (${r.machines} machines, ${r.roms} roms)`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
