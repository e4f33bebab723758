import type { SourceResult, UpdateEvent } from '@rommer/core';
import prettyBytes from 'pretty-bytes';
import { sourceChanges, withoutSourcePrefix } from './change-text.js';

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

const shortVersion = (version: string | null) =>
  version === null ? 'nothing' : /^[0-9a-f]{40}$/.test(version) ? version.slice(0, 7) : version;

/** `: Nintendo - Game Boy 20261120-093512 → 20261121-080000, …` (the first few items a check named). */
function describeChanges(changes: SourceResult['upstreamChanges']): string {
  if (changes === undefined || changes.length === 0) return '';
  const shown = changes.slice(0, 5).map((c) => `${c.item} ${c.from ?? '(new)'} → ${c.to ?? '(gone)'}`);
  return `: ${shown.join(', ')}${changes.length > 5 ? `, and ${changes.length - 5} more` : ''}`;
}

function describeResult(result: SourceResult, dryRun: boolean): string {
  const id = result.id;
  switch (result.status) {
    case 'updated': {
      const from = result.previousVersion === null ? '' : ` from ${shortVersion(result.previousVersion)}`;
      const imported =
        result.imported.dats > 0
          ? `; imported ${plural(result.imported.dats, 'DAT')} (${plural(result.imported.games, 'game')}, ${plural(result.imported.roms, 'rom')})`
          : '';
      const transferred = result.transferredBytes > 0 ? `, ${prettyBytes(result.transferredBytes)} transferred` : '';
      return `${id}: updated${from} to ${shortVersion(result.version)} (${plural(result.files, 'file')}, ${result.changedFiles} changed${transferred})${imported}`;
    }
    case 'up-to-date':
      return `${id}: up to date (${shortVersion(result.version)})`;
    case 'would-update': {
      const size = result.plannedBytes !== undefined ? `, ${prettyBytes(result.plannedBytes)} to download` : '';
      const line =
        result.previousVersion === null
          ? `${id}: would download ${shortVersion(result.version)} (new${size})`
          : `${id}: would update from ${shortVersion(result.previousVersion)} to ${shortVersion(result.version)}${size}`;
      return `${line}${describeChanges(result.upstreamChanges)}`;
    }
    case 'skipped':
      return `${id}: skipped (${result.error ?? 'not selected'})`;
    case 'failed':
      return `${id}: failed: ${withoutSourcePrefix(result.error ?? 'unknown error', id)}${dryRun ? '' : ' (the DATs held are unchanged)'}`;
  }
}

/** The design's closing lines: "Updated: a, b" / "Up to date: …" / "Failed: x (why)" / "Skipped: y (why)". */
export function formatSummary(results: SourceResult[], durationMs: number): string[] {
  const names = (status: SourceResult['status']) => results.filter((r) => r.status === status);
  const withReason = (list: SourceResult[]) =>
    list.map((r) => `${r.id} (${withoutSourcePrefix(r.error ?? 'no reason given', r.id)})`).join(', ');
  const lines: string[] = [];
  const updated = names('updated');
  const current = names('up-to-date');
  const would = names('would-update');
  const failed = names('failed');
  const skipped = names('skipped');
  if (updated.length > 0) lines.push(`Updated: ${updated.map((r) => r.id).join(', ')}`);
  if (would.length > 0) lines.push(`Would update: ${would.map((r) => r.id).join(', ')}`);
  if (current.length > 0) lines.push(`Up to date: ${current.map((r) => r.id).join(', ')}`);
  if (failed.length > 0) lines.push(`Failed: ${withReason(failed)}`);
  if (skipped.length > 0) lines.push(`Skipped: ${withReason(skipped)}`);
  const changed = results.filter((r) => r.changes.dats > 0);
  if (changed.length > 0) {
    const width = Math.max(...changed.map((r) => r.id.length));
    lines.push('Changes:');
    for (const r of changed) lines.push(`  ${r.id.padEnd(width)}  ${r.status.padEnd(10)}  ${sourceChanges(r.changes)}`);
    lines.push(`  (the games: rommer changes --source ${changed.length === 1 ? changed[0]!.id : '<id>'})`);
  }
  if (results.length === 0) lines.push('No sources selected (enable some in sources.conf or use --source).');
  lines.push(`Done in ${(durationMs / 1000).toFixed(1)} s.`);
  return lines;
}

/**
 * One plain line per meaningful event (a phase change, a warning, a result), then the summary.
 * No cursor movement, no spinners: safe for pipes, logs and CI.
 */
export function createPlainReporter(
  write: (line: string) => void,
  options: { dryRun: boolean; /** Where a failed source's line goes (stderr); `write` when absent. */ error?: (line: string) => void },
) {
  const fail = options.error ?? write;
  const phases = new Map<string, string>();
  return (event: UpdateEvent): void => {
    switch (event.type) {
      case 'start':
        write(
          event.sources.length === 0
            ? 'rommer update: no sources selected'
            : `rommer update${event.dryRun ? ' (dry run)' : ''}: ${event.sources.join(', ')}`,
        );
        return;
      case 'progress': {
        if (event.phase === 'queued' || event.phase === 'done' || event.phase === 'failed' || event.phase === 'skipped') return;
        if (phases.get(event.source) === event.phase) return;
        phases.set(event.source, event.phase);
        write(`${event.source}: ${event.phase}${event.message !== undefined ? ` (${event.message})` : ''}`);
        return;
      }
      case 'warning':
        write(`${event.source}: warning: ${event.message}`);
        return;
      case 'result':
        (event.result.status === 'failed' ? fail : write)(describeResult(event.result, options.dryRun));
        return;
      case 'summary':
        write('');
        for (const line of formatSummary(event.sources, event.durationMs)) write(line);
        return;
    }
  };
}
