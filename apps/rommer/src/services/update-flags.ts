import { UsageError, type SourceRegistry } from '@rommer/core';

/** `rommer update` flags as pastel hands them over: unvalidated. */
export interface UpdateFlags {
  source?: string[] | undefined;
  import?: boolean | undefined;
  dryRun?: boolean | undefined;
  force?: boolean | undefined;
  listSources?: boolean | undefined;
  json?: boolean | undefined;
  concurrency?: string | undefined;
  config?: string | undefined;
  dataDir?: string | undefined;
  fromFile?: string | undefined;
  yes?: boolean | undefined;
}

export interface UpdateRequest {
  /** Sources named with --source, in the order given, without repeats; empty means "the enabled ones". */
  sources: string[];
  import: boolean;
  dryRun: boolean;
  force: boolean;
  listSources: boolean;
  json: boolean;
  /** From --concurrency; undefined means "from sources.conf". */
  concurrency: number | undefined;
  /** A pack the user downloaded, for the single source named. */
  fromFile: string | undefined;
  /** Do not ask before a first update. */
  yes: boolean;
}

function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--concurrency: expected a whole number, got "${value}"`);
  const n = Number(value);
  if (n < 1 || n > 16) throw new UsageError(`--concurrency: expected 1 to 16, got ${n}`);
  return n;
}

/** Checks the flags against each other and the registry; every problem is a one-line UsageError. */
export function validateUpdateFlags(flags: UpdateFlags, registry: SourceRegistry): UpdateRequest {
  const sources: string[] = [];
  for (const raw of flags.source ?? []) {
    for (const id of raw.split(',').map((part) => part.trim())) {
      if (id === '') throw new UsageError('--source: expected a source id (see rommer update --list-sources)');
      registry.get(id);
      if (!sources.includes(id)) sources.push(id);
    }
  }
  const listSources = flags.listSources === true;
  if (listSources) {
    const conflicting = (
      [
        ['--import', flags.import],
        ['--dry-run', flags.dryRun],
        ['--force', flags.force],
        ['--concurrency', flags.concurrency !== undefined],
      ] as const
    ).find(([, on]) => on === true);
    if (conflicting !== undefined) {
      throw new UsageError(`--list-sources cannot be combined with ${conflicting[0]}`);
    }
  }
  if (flags.fromFile !== undefined) {
    if (sources.length !== 1) throw new UsageError('--from-file needs exactly one --source (e.g. --source no-intro)');
    if (flags.fromFile.trim() === '') throw new UsageError('--from-file: expected a file name');
  }
  if (flags.dryRun === true && flags.force === true) {
    throw new UsageError('--dry-run cannot be combined with --force (a dry run downloads nothing)');
  }
  return {
    sources,
    import: flags.import === true,
    dryRun: flags.dryRun === true,
    force: flags.force === true,
    listSources,
    json: flags.json === true,
    concurrency: parseConcurrency(flags.concurrency),
    fromFile: flags.fromFile,
    yes: flags.yes === true,
  };
}
