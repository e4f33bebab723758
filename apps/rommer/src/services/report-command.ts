import { UsageError } from '@rommer/core';
import type { DatReport, ReportGame, ScanReport } from '@rommer/scan';
import { printLine } from './output.js';
import { loadCommandContext } from './context.js';
import { openCatalogue, selectDats } from './scan-catalogue.js';
import { datLine } from './scan-output.js';

/** `rommer report` flags as pastel hands them over: unvalidated. */
export interface ReportFlags {
  dat?: string | undefined;
  source?: string | undefined;
  missing?: boolean | undefined;
  csv?: boolean | undefined;
  json?: boolean | undefined;
  config?: string | undefined;
  dataDir?: string | undefined;
}

const MARK = { have: '✔', partial: '◐', missing: '✘' } as const;

const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function gamesOf(dat: DatReport, missingOnly: boolean): ReportGame[] {
  return missingOnly ? dat.games.filter((g) => g.state !== 'have') : dat.games;
}

export function formatReportText(report: ScanReport, missingOnly: boolean): string[] {
  const { run } = report;
  const lines = [
    `Last scan ${run.finishedAt.toISOString()} of ${run.paths.join(', ')}${run.status === 'cancelled' ? ' (interrupted)' : ''}: ` +
      `${report.files} files, ${report.matched} identified, ${report.unknown} unknown`,
  ];
  if (report.dats.length === 0) lines.push('No file matched a DAT in the catalogue.');
  for (const dat of report.dats) {
    lines.push('', datLine(dat));
    for (const game of gamesOf(dat, missingOnly)) {
      const detail = game.state === 'partial' ? ` (${game.found}/${game.roms} ROMs; missing ${game.missingRoms.join(', ')})` : '';
      lines.push(`  ${MARK[game.state]} ${game.name}${detail}`);
    }
  }
  return lines;
}

export function formatReportCsv(report: ScanReport, missingOnly: boolean): string[] {
  const lines = ['dat,dat_path,source,version,game,state,found,roms,missing_roms'];
  for (const dat of report.dats) {
    for (const game of gamesOf(dat, missingOnly)) {
      lines.push(
        [dat.name, dat.path, dat.source, dat.version, game.name, game.state, game.found, game.roms, game.missingRoms.join(' | ')].map(csvCell).join(','),
      );
    }
  }
  return lines;
}

export function formatReportJson(report: ScanReport, missingOnly: boolean): string {
  return JSON.stringify(
    {
      scan: {
        finishedAt: report.run.finishedAt.toISOString(),
        paths: report.run.paths,
        full: report.run.full,
        status: report.run.status,
        files: report.files,
        matched: report.matched,
        unknown: report.unknown,
      },
      dats: report.dats.map((dat) => ({
        path: dat.path,
        name: dat.name,
        source: dat.source,
        version: dat.version,
        have: dat.have,
        missing: dat.missing,
        total: dat.total,
        games: gamesOf(dat, missingOnly),
      })),
    },
    null,
    2,
  );
}

/**
 * `rommer report [--dat TEXT] [--source ID] [--missing] [--csv|--json]`: have/missing of the last
 * scan per DAT, with each game's state (only those not fully found with --missing).
 */
export async function runReportCommand(
  flags: ReportFlags,
  io: { print: (line: string) => void; env?: Record<string, string | undefined> } = { print: printLine },
): Promise<number> {
  if (flags.csv === true && flags.json === true) throw new UsageError('report: --csv and --json exclude each other');
  const { store, cache, paths, close } = await openCatalogue(await loadCommandContext(flags, io.env ?? process.env), { readOnly: true });
  try {
    const dats = await selectDats(store, paths, flags);
    const { buildReport } = await import('@rommer/scan');
    const report = await buildReport(store, dats === null ? { cache } : { dats, cache });
    if (report === null) throw new UsageError('report: no scan yet; run rommer scan PATH first');
    const missingOnly = flags.missing === true;
    if (flags.json === true) io.print(formatReportJson(report, missingOnly));
    else for (const line of flags.csv === true ? formatReportCsv(report, missingOnly) : formatReportText(report, missingOnly)) io.print(line);
    return 0;
  } finally {
    await close();
  }
}
