#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import type { HelpCommand } from './help/help-manifest.js';
import { programVersion } from './program.js';

// The `rommer` process. pastel's import alone loads Ink, React and @inkjs/ui, and pastel then
// imports every command module before parsing: about 0.8 s, ~15× `node -e 0`. `--version` and
// `--help` need none of it, so they are answered here first, and `rommer update` (run daily by
// scripts, mostly to learn that nothing changed) is run here without pastel (runtime/direct-run.ts);
// everything else goes to pastel (main.ts).

const args = process.argv.slice(2);

/** The help written at build time from pastel's program (help/write-help-manifest.ts), or null. */
function helpManifest(): unknown {
  try {
    return JSON.parse(readFileSync(new URL('./help.json', import.meta.url), 'utf8'));
  } catch {
    return null; // not built with its help (a bare `tsc`): pastel answers
  }
}

/** Prints the help `args` ask for, when that is all they ask; says whether it did. */
async function answeredHelp(): Promise<boolean> {
  if (!args.some((arg) => arg === '--help' || arg === '-h' || arg === 'help')) return false;
  const manifest = helpManifest();
  if (manifest === null) return false;
  const { helpAskedFor, helpText } = await import('./help/help-manifest.js');
  const root = manifest as Parameters<typeof helpAskedFor>[0];
  const path = helpAskedFor(root, args);
  if (path === undefined) return false;
  process.stdout.write(helpText(root, path));
  return true;
}

/** Runs `rommer update …` without pastel; says whether it did. */
async function ranDirectly(): Promise<boolean> {
  if (args[0] !== 'update') return false;
  const manifest = helpManifest() as HelpCommand | null;
  const help = manifest?.commands.find((command) => command.name === 'update');
  if (help === undefined) return false;
  const [{ runDirect }, update] = await Promise.all([import('./runtime/direct-run.js'), import('./command-runs/update-command.js')]);
  process.exitCode = await runDirect(help, args.slice(1), { options: update.options, ...update.updateSpec });
  return true;
}

// `-v` and `--version` are pastel's; `-V` is commander's usual spelling, which pastel's program lacks.
if (args.length === 1 && ['--version', '-v', '-V'].includes(args[0]!)) {
  process.stdout.write(`${programVersion()}\n`);
} else if (!(await answeredHelp()) && !(await ranDirectly())) {
  await import('./main.js');
}
