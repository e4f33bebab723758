#!/usr/bin/env node
// Runs after `npm ci` / `npm install` (the root package's postinstall) and says out loud what npm
// leaves silent: keytar is an optional dependency, so when its native build fails (most often
// because libsecret's headers are missing) npm drops it without a word, and `rommer login` finds
// out much later. better-sqlite3 is required: without its native part rommer cannot open a catalogue.
import { createRequire } from 'node:module';

const root = new URL('../', import.meta.url);

/** Loads a module the way the package that depends on it would; undefined when it works, else why not. */
function loadFailure(fromPackage, load) {
  try {
    load(createRequire(new URL(`${fromPackage}/package.json`, root)));
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.split('\n')[0].trim();
  }
}

let failed = false;

const sqlite = loadFailure('packages/store', (require) => new (require('better-sqlite3'))(':memory:').close());
if (sqlite) {
  failed = true;
  console.error(
    [
      `rommer: better-sqlite3 (the catalogue's SQLite driver) does not work: ${sqlite}`,
      '  npm builds it from source: it needs a C/C++ toolchain and Python 3',
      '  (Debian/Ubuntu: apt-get install build-essential python3), then run npm ci again.',
    ].join('\n'),
  );
}

const keytar = loadFailure('packages/core', (require) => require('keytar'));
if (keytar) {
  const missingLibrary = /libsecret/.test(keytar);
  const notInstalled = /Cannot find (module|package)/.test(keytar);
  console.error(
    [
      notInstalled
        ? 'rommer: keytar (the OS keyring for `rommer login`) is not installed: npm drops this optional module without a word when its native build fails.'
        : `rommer: keytar (the OS keyring for \`rommer login\`) is not usable: ${keytar}`,
      missingLibrary
        ? '  Install libsecret (Debian/Ubuntu: apt-get install libsecret-1-0; Fedora: libsecret).'
        : "  npm builds it from source against libsecret's headers: install them (Debian/Ubuntu: apt-get install libsecret-1-dev; Fedora: libsecret-devel), then run npm ci again.",
      '  rommer works without it: passwords then come from ROMMER_<SOURCE>_PASSWORD. `rommer doctor` checks it again.',
    ].join('\n'),
  );
}

if (failed) process.exitCode = 1;
