// How scan results read: one line per file, one per DAT, a live progress line, and the JSON lines
// of `rommer scan --json` (the issue's contract: field names and order are kept exactly).
import type { DatSummary, ScanEvent, ScannedFile, ScanProgress, ScanResult } from '@rommer/scan';

const count = (n: number) => n.toLocaleString('en-US');

export function displayName(file: Pick<ScannedFile, 'path' | 'entry'>): string {
  return file.entry === null ? file.path : `${file.path} → ${file.entry}`;
}

/** `✔ name → game (DAT, version)` for each match, `? name unknown` for none. */
export function fileLine(file: ScannedFile): string {
  const header = file.header === null ? '' : ` [${file.header} header]`;
  if (file.matches.length === 0) return `? ${displayName(file)}${header} unknown`;
  const matches = file.matches.map((m) => `${m.game} (${m.dat}${m.datVersion === null ? '' : `, ${m.datVersion}`})`);
  return `✔ ${displayName(file)}${header} → ${matches.join('; ')}`;
}

export function percent(have: number, total: number): string {
  if (total === 0) return '0%';
  const pct = (have / total) * 100;
  return `${pct >= 99.95 && have < total ? '99.9' : pct.toFixed(pct < 10 && pct > 0 ? 1 : 0)}%`;
}

/** `Nintendo - NES (20261201): have 6/9 (67%), missing 1`. */
export function datLine(dat: DatSummary): string {
  const name = `${dat.name ?? dat.path}${dat.version === null ? '' : ` (${dat.version})`}`;
  return `${name}: have ${count(dat.have)}/${count(dat.total)} (${percent(dat.have, dat.total)}), missing ${count(dat.missing)}`;
}

export function totalsLine(result: Pick<ScanResult, 'files' | 'matched' | 'unknown' | 'cachedFiles' | 'failed'>): string {
  return (
    `${count(result.files)} files: ${count(result.matched)} identified, ${count(result.unknown)} unknown` +
    (result.failed > 0 ? `, ${count(result.failed)} unreadable` : '') +
    ` (${count(result.cachedFiles)} answered from the cache)`
  );
}

export function fileJson(file: ScannedFile): string {
  return JSON.stringify({
    type: 'file',
    path: file.path,
    entry: file.entry,
    size: file.size,
    crc: file.crc,
    sha1: file.sha1,
    header: file.header,
    matches: file.matches.map((m) => ({ source: m.source, dat: m.dat, datVersion: m.datVersion, game: m.game, rom: m.rom })),
  });
}

export function summaryJson(result: ScanResult): string {
  return JSON.stringify({
    type: 'summary',
    files: result.files,
    matched: result.matched,
    unknown: result.unknown,
    dats: result.dats.map((d) => ({ path: d.path, name: d.name, source: d.source, have: d.have, missing: d.missing, total: d.total })),
  });
}

const MB = 1_000_000;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/** `scanning 120/400 files  1.2/3.4 GB  85.0 MB/s  ETA 00:26` from a progress event and the time since start. */
export function progressText(p: ScanProgress, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? p.bytes / (elapsedMs / 1000) : 0;
  const eta = rate > 0 ? (p.totalBytes - p.bytes) / rate : Number.NaN;
  return (
    `scanning ${count(p.files)}/${count(p.totalFiles)} files  ${(p.bytes / MB).toFixed(1)}/${(p.totalBytes / MB).toFixed(1)} MB` +
    `  ${(rate / MB).toFixed(1)} MB/s  ETA ${duration(eta)}`
  );
}

/** Whether an event is one a plain reader wants as a line of its own. */
export function isLineEvent(event: ScanEvent): event is Extract<ScanEvent, { type: 'file' | 'warning' }> {
  return event.type === 'file' || event.type === 'warning';
}
