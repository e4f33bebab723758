#!/usr/bin/env node
// The `rommer` command. This file is committed (not built) so that `npm ci` links
// node_modules/.bin/rommer before the first build: npm silently skips a bin whose file is missing,
// and `npx rommer` then asks the public registry. The CLI itself is the built dist/cli.js.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('rommer is not built yet: run `npm run build` in the repository first.\n');
  process.exit(2);
}
await import(cli.href);
