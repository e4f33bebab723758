import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '@rommer/core';
import { loadCommandContext } from './context.js';
import { openCatalogue, selectDats } from './scan-catalogue.js';

/** `rommer fixdat` flags as pastel hands them over: unvalidated. */
export interface FixdatFlags {
  dat?: string | undefined;
  output?: string | undefined;
  config?: string | undefined;
  dataDir?: string | undefined;
}

export interface FixdatCommandIo {
  /** The fixdat itself, when no --output is given. */
  write: (text: string) => void;
  /** What was written where (stderr, so stdout stays the DAT). */
  note: (line: string) => void;
  env?: Record<string, string | undefined>;
}

/**
 * `rommer fixdat --dat DAT [--output FILE]`: a Logiqx DAT of the games of DAT that the last scan
 * did not find in full (their missing ROMs only), on stdout or in FILE (written whole or not at all).
 */
export async function runFixdatCommand(
  flags: FixdatFlags,
  io: FixdatCommandIo = { write: (text) => process.stdout.write(text), note: (line) => process.stderr.write(`${line}\n`) },
): Promise<number> {
  if (flags.dat === undefined || flags.dat.trim() === '') throw new UsageError('fixdat: name the DAT with --dat NAME|PATH (rommer dats lists them)');
  const output = flags.output?.trim();
  if (output === '') throw new UsageError('fixdat: --output needs a file name');
  const { store, cache, paths, close } = await openCatalogue(await loadCommandContext(flags, io.env ?? process.env), { readOnly: true });
  try {
    const [dat] = (await selectDats(store, paths, { dat: flags.dat }))!;
    const { buildReport, missingGames, writeFixdat } = await import('@rommer/scan');
    const report = await buildReport(store, { dats: [dat!], cache });
    if (report === null) throw new UsageError('fixdat: no scan yet; run rommer scan PATH first');
    const datReport = report.dats[0]!;
    const xml = writeFixdat(dat!, datReport.statuses, { scannedAt: report.run.finishedAt });
    const games = missingGames(datReport.statuses).length;
    if (output === undefined) {
      io.write(xml);
      return 0;
    }
    const target = path.resolve(output);
    const temp = `${target}.${process.pid}.tmp`;
    try {
      await writeFile(temp, xml);
      await rename(temp, target);
    } catch (error) {
      throw new UsageError(`fixdat: cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
    io.note(`Wrote ${target}: ${games} of ${datReport.total} games of ${dat!.name ?? dat!.path} not found in the last scan`);
    return 0;
  } finally {
    await close();
  }
}
