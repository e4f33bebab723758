// Scan a folder against a catalogue without the rommer CLI:
//   node packages/scan/examples/scan-folder.mjs ~/.local/share/rommer/rommer.db ~/roms
// (after `npm run build`). Prints each identified file, then have/missing per DAT.
import { openStore } from '@rommer/store';
import { scanCollection } from '@rommer/scan';

const [databaseFile, ...paths] = process.argv.slice(2);
if (!databaseFile || paths.length === 0) {
  console.error('usage: scan-folder.mjs CATALOGUE.db PATH…');
  process.exit(2);
}
const store = await openStore(databaseFile);
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
try {
  const result = await scanCollection({
    store,
    paths,
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type !== 'file') return;
      const { path, entry, matches } = event.file;
      const name = entry === null ? path : `${path} → ${entry}`;
      console.log(matches.length === 0 ? `? ${name}` : `✔ ${name} → ${matches.map((m) => `${m.game} (${m.dat})`).join(', ')}`);
    },
  });
  for (const dat of result.dats) console.log(`${dat.name ?? dat.path}: ${dat.have}/${dat.total} have, ${dat.missing} missing`);
} finally {
  await store.close();
}
