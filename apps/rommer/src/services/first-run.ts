import readline from 'node:readline/promises';
import type { AnySource, RommerPaths } from '@rommer/core';

/** What a first update (no sources.conf) is about to do, in a few lines a newcomer can check. */
export function firstRunExplanation(sources: AnySource[], paths: RommerPaths): string[] {
  return [
    `No configuration yet (${paths.configFile}): using the defaults.`,
    `rommer will download DATs from: ${sources.map((s) => `${s.info.title} (${s.info.downloads})`).join('; ')}.`,
    `They go to ${paths.datsDir}, the catalogue to ${paths.databaseFile}.`,
    'This can be a few hundred megabytes. Pick sources with --source, check first with --dry-run,',
    'or write sources.conf (see README). Use --yes to skip this question in scripts.',
  ];
}

/** Asks on the terminal; anything but y/yes is a no. */
export async function confirmOnTerminal(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^\s*y(es)?\s*$/i.test(await rl.question(question));
  } finally {
    rl.close();
  }
}
