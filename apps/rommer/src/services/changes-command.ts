import { UsageError } from '@rommer/core';
import type { ChangeSetQuery, ChangeSetRecord } from '@rommer/store';
import { catalogueExists, catalogueTarget, openCatalogueStore } from './catalog.js';
import { formatChangeSet, formatChangeSets, toChangeJson } from './changes-format.js';
import { loadCommandContext, type CommandContext } from './context.js';
import { printLine } from './output.js';

/** `rommer changes` flags, as its schema types them. */
export interface ChangesFlags {
  source?: string | undefined;
  dat?: string | undefined;
  since?: string | undefined;
  limit?: number | undefined;
  json?: boolean | undefined;
  details?: boolean | undefined;
  config?: string | undefined;
  dataDir?: string | undefined;
}

const DURATION = /^(\d+)\s*(h|d|w)$/i;
const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since`: an ISO date or time (`2026-11-20`, `2026-11-20T10:00`) or an age (`12h`, `7d`, `2w`). */
export function parseSince(value: string, now = Date.now()): Date {
  const text = value.trim();
  const age = DURATION.exec(text);
  if (age !== null) return new Date(now - Number(age[1]) * UNIT_MS[age[2]!.toLowerCase()]!);
  const date = /^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(`changes: --since ${JSON.stringify(value)} is not a date (YYYY-MM-DD[THH:MM]) or an age (12h, 7d, 2w)`);
  }
  return date;
}

/** Change sets matching the query, with their games; none when there is no catalogue yet. */
async function readChangeSets(ctx: CommandContext, query: ChangeSetQuery): Promise<ChangeSetRecord[]> {
  // The catalogue holds the change sets: a shared one (ROMMER_DATABASE_URL or sources.conf's
  // database_url) or the data folder's file.
  const target = catalogueTarget(ctx.paths, ctx.config, ctx.env);
  if (!catalogueExists(target)) return [];
  const store = await openCatalogueStore(target, { readOnly: true });
  try {
    return await store.listChangeSets({ ...query, details: true });
  } finally {
    await store.close();
  }
}

/** How many DAT versions the dashboard's change list shows. */
const DASHBOARD_CHANGE_SETS = 50;

/** A source's recent change sets as `rommer changes --source <id> --details` prints them: the dashboard's change list. */
export async function loadChangeLines(ctx: CommandContext, source: string): Promise<string[]> {
  const sets = await readChangeSets(ctx, { source, limit: DASHBOARD_CHANGE_SETS });
  if (sets.length === 0) return [formatChangeSets([], { details: true })];
  return sets.flatMap((set, index) => [...(index > 0 ? [''] : []), ...formatChangeSet(set, true)]);
}

/**
 * `rommer changes`: the change sets recorded at import, newest first. Reads only; with no
 * catalogue yet the list is empty and nothing is created.
 */
export async function runChangesCommand(
  flags: ChangesFlags,
  io: { print: (line: string) => void; env?: Record<string, string | undefined>; now?: number } = { print: printLine },
): Promise<number> {
  const ctx = await loadCommandContext({ config: flags.config, dataDir: flags.dataDir }, io.env ?? process.env);
  const source = flags.source?.trim();
  if (source !== undefined) ctx.registry.get(source);
  const since = flags.since !== undefined ? parseSince(flags.since, io.now) : undefined;
  const limit = flags.limit;
  const dat = flags.dat?.trim();
  if (dat === '') throw new UsageError('changes: --dat needs some text of a DAT name or path');
  const sets = await readChangeSets(ctx, {
    ...(source !== undefined ? { source } : {}),
    ...(dat !== undefined ? { dat } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(limit !== undefined ? { limit } : {}),
  });
  if (flags.json === true) io.print(JSON.stringify(sets.map(toChangeJson), null, 2));
  else io.print(formatChangeSets(sets, { details: flags.details === true }));
  return 0;
}
