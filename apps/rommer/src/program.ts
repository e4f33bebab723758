import { readFileSync } from 'node:fs';

// What the root of `rommer`'s command line says about itself: given to pastel (main.ts) and to
// the help written at build time (help/write-help-manifest.ts), so both say the same.

export const programName = 'rommer';

/** pastel would read the version of whatever package.json is above the current directory. */
export function programVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export const programDescription = [
  'Keep a ROM-preservation DAT library current: fetch DATs from their publishers and catalogue them.',
  'On a terminal, `rommer` alone opens the dashboard; every command takes --config <file> and --data-dir <dir>.',
  '',
  'Examples:',
  '  rommer update --list-sources              the sources and what is held',
  '  rommer update --source opengood --import  fetch one source and catalogue it',
  '  rommer update --dry-run --json            what would change, as JSON lines',
  '  rommer import ~/dats/nes.dat              catalogue a DAT you have',
  '  rommer scan ~/roms && rommer report       what you have and miss, per DAT',
  "  rommer <command> --help                   a command's flags",
].join('\n');
