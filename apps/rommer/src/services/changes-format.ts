import type { ChangeSetRecord } from '@rommer/store';
import { changeCounts } from './change-text.js';

const short = (value: string) => (/^[0-9a-f]{40}$/i.test(value) ? value.slice(0, 7) : value);

/** One change set as `rommer changes --json` prints it (issue contract, plus kind and source versions). */
export function toChangeJson(set: ChangeSetRecord) {
  const details = set.details ?? { added: [], removed: [], renamed: [], changed: [] };
  return {
    source: set.source,
    dat: set.dat,
    path: set.path,
    identity: set.identity,
    kind: set.kind,
    fromVersion: set.fromVersion,
    toVersion: set.toVersion,
    fromSourceVersion: set.fromSourceVersion,
    toSourceVersion: set.toSourceVersion,
    at: set.at.toISOString(),
    counts: set.counts,
    added: details.added,
    removed: details.removed,
    renamed: details.renamed,
    changed: details.changed,
  };
}

/**
 * `old → new` as a reader tells the versions apart: the DAT's own versions when they differ, else
 * the source's (a commit, a pack date), else the files' SHA-1s. A first version comes from `new`,
 * a removal goes to `removed`.
 */
export function versionChange(set: ChangeSetRecord): string {
  const pairs: [string | null, string | null][] = [
    [set.fromVersion, set.toVersion],
    [set.fromSourceVersion, set.toSourceVersion],
    [set.fromSha1, set.toSha1],
  ];
  const telling =
    set.kind === 'updated'
      ? (pairs.find(([from, to]) => from !== null && to !== null && from !== to) ?? pairs[0]!)
      : (pairs.find(([from, to]) => (set.kind === 'imported' ? to : from) !== null) ?? pairs[0]!);
  const [from, to] = telling;
  const left = set.kind === 'imported' ? 'new' : from === null ? '?' : short(from);
  const right = set.kind === 'removed' ? 'removed' : to === null ? '?' : short(to);
  return `${left} → ${right}`;
}

function datName(set: ChangeSetRecord): string {
  return set.dat ?? set.path.split('/').at(-1) ?? set.path;
}

const romCount = (n: number, word: string) => (n === 0 ? null : `${n} ${word}`);

/** The lines of one change set: the heading, and with `details` the games. */
export function formatChangeSet(set: ChangeSetRecord, details: boolean): string[] {
  const at = set.at.toISOString().slice(0, 16).replace('T', ' ');
  const lines = [
    `${set.source ?? 'import'} · ${datName(set)} · ${versionChange(set)} · ${changeCounts(set.counts)}`,
    `  ${at} UTC · ${set.path}`,
  ];
  if (!details || set.details === undefined) return lines;
  const d = set.details;
  for (const name of d.added) lines.push(`  + ${name}`);
  for (const name of d.removed) lines.push(`  − ${name}`);
  for (const pair of d.renamed) lines.push(`  ↻ ${pair.from} → ${pair.to}`);
  for (const change of d.changed) {
    const roms = [
      romCount(change.roms.added.length, 'added'),
      romCount(change.roms.removed.length, 'removed'),
      romCount(change.roms.rehashed.length, 're-hashed'),
    ].filter((part) => part !== null);
    lines.push(`  ~ ${change.game}${roms.length > 0 ? ` (ROMs: ${roms.join(', ')})` : ''}`);
  }
  return lines;
}

/** Every change set, newest first; game names when asked or when all belong to one DAT. */
export function formatChangeSets(sets: ChangeSetRecord[], options: { details: boolean }): string {
  if (sets.length === 0) return 'No changes recorded (they are recorded when DATs are imported: rommer update --import, rommer import).';
  const oneDat = new Set(sets.map((set) => `${set.source ?? ''}\u0000${set.identity}`)).size === 1;
  return sets.map((set) => formatChangeSet(set, options.details || oneDat).join('\n')).join('\n\n');
}
