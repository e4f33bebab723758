// Preloaded with --import: installs the resolve hook, and at exit adds what CommonJS require() loaded
// (Node 20 runs require() past the ESM hooks, so its cache is read directly).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./record-resolve.mjs', import.meta.url);
const require = createRequire(import.meta.url);
process.on('exit', () => {
  const files = Object.keys(require.cache).map((file) => pathToFileURL(file).href);
  appendFileSync(process.env.ROMMER_TRACE_FILE, files.map((url) => `${url}\n`).join(''));
});
