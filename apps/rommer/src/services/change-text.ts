// How change counts read everywhere (update summaries, the dashboard, `rommer changes`).
import type { ChangeCounts } from '@rommer/core';

const count = (n: number) => n.toLocaleString('en-US');

/** `+41 −2 ~7 ↻3`: added, removed, changed, renamed. */
export function changeCounts(counts: ChangeCounts): string {
  return `+${count(counts.added)} −${count(counts.removed)} ~${count(counts.changed)} ↻${count(counts.renamed)}`;
}

/** `3 DATs · +41 −2 ~7 ↻3 games`: a source's changes in one run. */
export function sourceChanges(changes: { dats: number } & ChangeCounts): string {
  return `${count(changes.dats)} DAT${changes.dats === 1 ? '' : 's'} · ${changeCounts(changes)} games`;
}

/** Warnings often start with their source's id; under that source's row or name it is said twice. */
export function withoutSourcePrefix(message: string, source: string | null): string {
  return source !== null && message.startsWith(`${source}: `) ? message.slice(source.length + 2) : message;
}
