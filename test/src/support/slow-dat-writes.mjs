// Loaded with `node --import` by the fault matrix: every write of a `.dat` file waits
// ROMMER_TEST_DAT_WRITE_DELAY_MS first, so a test can kill rommer while extraction is surely
// under way instead of racing a fast machine. It only slows writes down; what is written is unchanged.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const delayMs = Number(process.env.ROMMER_TEST_DAT_WRITE_DELAY_MS ?? '0');
const isDat = (target) => typeof target === 'string' && target.toLowerCase().endsWith('.dat');
const pause = () => new Promise((resolve) => setTimeout(resolve, delayMs));

if (delayMs > 0) {
  const writeFile = fsp.writeFile;
  fsp.writeFile = async function slowWriteFile(target, ...rest) {
    if (isDat(target)) await pause();
    return writeFile.call(this, target, ...rest);
  };

  const createWriteStream = fs.createWriteStream;
  fs.createWriteStream = function slowWriteStream(target, ...rest) {
    const file = createWriteStream.call(this, target, ...rest);
    if (!isDat(target)) return file;
    // The real stream, whose first write waits: 'finish' and 'close' keep their meaning.
    let first = true;
    for (const method of ['_write', '_writev']) {
      const original = file[method];
      if (typeof original !== 'function') continue;
      file[method] = function delayedWrite(...args) {
        if (!first) return original.apply(this, args);
        first = false;
        setTimeout(() => original.apply(this, args), delayMs);
      };
    }
    return file;
  };
  syncBuiltinESMExports();
}
