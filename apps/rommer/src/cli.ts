#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { reportParseFailuresAsUsage } from './runtime/usage-exit-code.js';

// pastel would read the version of whatever package.json is above the current directory.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

// `rommer --version`, `-v` (pastel's) and `-V` (commander's usual spelling, which pastel's program
// lacks) alone print the version, answered before anything else loads.
if (process.argv.length === 3 && ['--version', '-v', '-V'].includes(process.argv[2]!)) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}

// React's development build costs start-up time and checks nobody reads here; a developer who
// wants it sets NODE_ENV. Set before pastel (and with it React and Ink) loads, hence the dynamic import.
process.env['NODE_ENV'] ??= 'production';
// pastel renders every command in an Ink app, and Ink asks for the terminal's width on stdout; off a
// terminal it has none, and Ink then spawns `tput` (twice, up to 0.5 s each). Nothing is drawn there.
if (process.stdout.isTTY !== true && process.stdout.columns === undefined) process.stdout.columns = 80;
const { default: Pastel } = await import('pastel');

const app = new Pastel({
  importMeta: import.meta,
  name: 'rommer',
  version,
  description: [
    'Keep a ROM-preservation DAT library current: fetch DATs from their publishers and catalogue them.',
    'On a terminal, `rommer` alone opens the dashboard; every command takes --config <file> and --data-dir <dir>.',
    '',
    'Examples:',
    '  rommer update --list-sources              the sources and what is held',
    '  rommer update --source opengood --import  fetch one source and catalogue it',
    '  rommer update --dry-run --json            what would change, as JSON lines',
    '  rommer import ~/dats/nes.dat              catalogue a DAT you have',
    '  rommer scan ~/roms && rommer report       what you have and miss, per DAT',
    '  rommer <command> --help                   a command\'s flags',
  ].join('\n'),
});

reportParseFailuresAsUsage();
await app.run();
