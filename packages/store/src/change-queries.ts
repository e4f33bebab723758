// Reading change sets back, newest first, through the typed client.
import type { PrismaClient } from './generated/prisma/client.js';
import type { ChangeDetails, ChangeSetQuery, ChangeSetRecord, RomChanges } from './types.js';

type ChangeSetRow = Awaited<ReturnType<PrismaClient['changeSet']['findMany']>>[number];
type ChangeGameRow = Awaited<ReturnType<PrismaClient['changeGame']['findMany']>>[number];

function toRecord(row: ChangeSetRow): ChangeSetRecord {
  return {
    id: row.id,
    source: row.source,
    identity: row.identity,
    path: row.path,
    dat: row.datName,
    kind: row.kind as ChangeSetRecord['kind'],
    fromVersion: row.fromVersion,
    toVersion: row.toVersion,
    fromSha1: row.fromSha1,
    toSha1: row.toSha1,
    fromSourceVersion: row.fromSourceVersion,
    toSourceVersion: row.toSourceVersion,
    at: new Date(Number(row.at)),
    counts: { added: row.added, removed: row.removed, renamed: row.renamed, changed: row.changed },
  };
}

function toDetails(games: ChangeGameRow[]): ChangeDetails {
  const details: ChangeDetails = { added: [], removed: [], renamed: [], changed: [] };
  for (const game of games) {
    if (game.kind === 'added') details.added.push(game.name);
    else if (game.kind === 'removed') details.removed.push(game.name);
    else if (game.kind === 'renamed') details.renamed.push({ from: game.fromName ?? '', to: game.name });
    else if (game.kind === 'changed') {
      const roms = (game.roms === null ? { added: [], removed: [], rehashed: [] } : JSON.parse(game.roms)) as RomChanges;
      details.changed.push({ game: game.name, roms });
    }
  }
  return details;
}

/** Change sets matching the query, newest first (ties: the later recorded first). */
export async function listChangeSets(prisma: PrismaClient, query: ChangeSetQuery = {}): Promise<ChangeSetRecord[]> {
  const text = query.dat?.toLowerCase();
  const rows = await prisma.changeSet.findMany({
    where: {
      ...(query.source !== undefined ? { source: query.source } : {}),
      ...(query.since !== undefined ? { at: { gte: BigInt(query.since.getTime()) } } : {}),
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    // The DAT filter is a case-insensitive substring of name, path or identity: applied here, so
    // the limit counts matches (SQLite's LIKE and PostgreSQL's differ on case).
    ...(text === undefined && query.limit !== undefined ? { take: query.limit } : {}),
  });
  const matching =
    text === undefined
      ? rows
      : rows.filter((row) => [row.datName, row.path, row.identity].some((value) => value?.toLowerCase().includes(text) === true));
  const records = (query.limit !== undefined ? matching.slice(0, query.limit) : matching).map(toRecord);
  if (query.details === true) {
    for (const record of records) {
      const games = await prisma.changeGame.findMany({ where: { changeSetId: record.id }, orderBy: { id: 'asc' } });
      record.details = toDetails(games);
    }
  }
  return records;
}

/**
 * Writes change sets read from another catalogue (listChangeSets({ details: true })), oldest first so
 * their ids keep the order; for `rommer db migrate-to`. Each set with its games in one transaction.
 */
export async function copyChangeSets(prisma: PrismaClient, records: readonly ChangeSetRecord[]): Promise<number> {
  const ordered = [...records].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
  for (const record of ordered) {
    const details = record.details ?? { added: [], removed: [], renamed: [], changed: [] };
    const games = [
      ...details.added.map((name) => ({ kind: 'added', name })),
      ...details.removed.map((name) => ({ kind: 'removed', name })),
      ...details.renamed.map((pair) => ({ kind: 'renamed', name: pair.to, fromName: pair.from })),
      ...details.changed.map((change) => ({ kind: 'changed', name: change.game, roms: JSON.stringify(change.roms) })),
    ];
    await prisma.changeSet.create({
      data: {
        source: record.source,
        identity: record.identity,
        path: record.path,
        datName: record.dat,
        kind: record.kind,
        fromVersion: record.fromVersion,
        toVersion: record.toVersion,
        fromSha1: record.fromSha1,
        toSha1: record.toSha1,
        fromSourceVersion: record.fromSourceVersion,
        toSourceVersion: record.toSourceVersion,
        at: BigInt(record.at.getTime()),
        added: record.counts.added,
        removed: record.counts.removed,
        renamed: record.counts.renamed,
        changed: record.counts.changed,
        games: { create: games },
      },
    });
  }
  return ordered.length;
}
