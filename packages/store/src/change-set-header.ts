// What a change set row says about its DAT, built and written the same way by both engines' writers.
import type { HeldVersion } from './change-statements.js';
import type { ChangeCounts, DatInput } from './types.js';

/** What a change set says about the DAT besides its games. */
export interface ChangeSetHeader {
  source: string | null;
  identity: string;
  path: string;
  datName: string | null;
  kind: 'imported' | 'updated' | 'removed';
  fromVersion: string | null;
  toVersion: string | null;
  fromSha1: string | null;
  toSha1: string | null;
  fromSourceVersion: string | null;
  toSourceVersion: string | null;
  at: number;
}

/** The columns of a change_set row, in the order changeSetValues gives them. */
export const CHANGE_SET_COLUMNS =
  'source, identity, path, dat_name, kind, from_version, to_version, from_sha1, to_sha1, from_source_version, to_source_version, at, added, removed, renamed, changed';

export function changeSetValues(header: ChangeSetHeader, counts: ChangeCounts): (string | number | null)[] {
  return [
    header.source,
    header.identity,
    header.path,
    header.datName,
    header.kind,
    header.fromVersion,
    header.toVersion,
    header.fromSha1,
    header.toSha1,
    header.fromSourceVersion,
    header.toSourceVersion,
    header.at,
    counts.added,
    counts.removed,
    counts.renamed,
    counts.changed,
  ];
}

/** The header of an import's change set: the DAT's first version, or an update of the one held. */
export function importChangeSetHeader(dat: DatInput, identity: string, held: HeldVersion | undefined): ChangeSetHeader {
  const header = dat.header ?? {};
  return {
    source: dat.source,
    identity,
    path: dat.path,
    datName: header.name ?? null,
    kind: held === undefined ? 'imported' : 'updated',
    fromVersion: held?.version ?? null,
    toVersion: header.version ?? header.date ?? null,
    fromSha1: held?.sha1 ?? null,
    toSha1: dat.sha1.toLowerCase(),
    fromSourceVersion: held?.sourceVersion ?? null,
    toSourceVersion: dat.sourceVersion ?? null,
    at: Date.now(),
  };
}

/** The header of a DAT's removal: every game of the version held goes. */
export function removalChangeSetHeader(
  dat: HeldVersion & { source: string | null; name: string | null },
  identity: string,
  at: number,
): ChangeSetHeader {
  return {
    source: dat.source,
    identity,
    path: dat.path,
    datName: dat.name,
    kind: 'removed',
    fromVersion: dat.version,
    toVersion: null,
    fromSha1: dat.sha1,
    toSha1: null,
    fromSourceVersion: dat.sourceVersion,
    toSourceVersion: null,
    at,
  };
}
