/** What one row of `rommer dats` shows. */
export interface DatTableRow {
  source: string | null;
  path: string;
  name: string | null;
  version: string | null;
  format: string;
  games: number;
  roms: number;
  disks: number;
}

/** DATs imported by hand (`rommer import`) belong to no source. */
export const handImportSource = '(import)';

const nameWidth = 48;

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The plain table of `rommer dats` for terminals and pipes: source, the DAT's own name (from its
 * header, cut to fit), version, format, counts and the key path, then a totals row.
 */
export function formatDatTable(rows: readonly DatTableRow[]): string {
  if (rows.length === 0) return 'No DATs in the catalogue yet (rommer import <path> or rommer update --import).';
  const header = ['SOURCE', 'NAME', 'VERSION', 'FORMAT', 'GAMES', 'ROMS', 'DISKS', 'PATH'];
  const body = rows.map((r) => [
    r.source ?? handImportSource,
    cut(r.name ?? '-', nameWidth),
    r.version ?? '-',
    r.format,
    count(r.games),
    count(r.roms),
    count(r.disks),
    r.path,
  ]);
  const sum = (pick: (r: DatTableRow) => number) => count(rows.reduce((total, r) => total + pick(r), 0));
  const totals = ['total', `${count(rows.length)} DAT${rows.length === 1 ? '' : 's'}`, '', '', sum((r) => r.games), sum((r) => r.roms), sum((r) => r.disks), ''];
  const numeric = new Set([4, 5, 6]);
  const lines = [header, ...body, totals];
  const widths = header.map((_title, i) => Math.max(...lines.map((cells) => cells[i]!.length)));
  return lines
    .map((cells) =>
      cells
        .map((cell, i) => (i === cells.length - 1 ? cell : numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
