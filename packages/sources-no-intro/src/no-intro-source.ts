import { pathToFileURL } from 'node:url';
import {
  ConfigError,
  type FetchContext,
  type FetchResult,
  type RemoteVersion,
  type Source,
  type SourceInfo,
  type SourceRunContext,
} from '@rommer/core';
import { configSchema, type NoIntroConfig } from './config.js';
import { downloadDailyPack, openDailyPage, type DailyPage } from './datomatic-flow.js';
import { dailyPageUrl, defaultDatomaticUrl } from './datomatic-page.js';
import { checkMirrorPack, downloadMirrorPack } from './mirror-pack.js';
import { packFileVersion } from './pack-file.js';
import { stagePack } from './stage-pack.js';

export const info: SourceInfo = {
  id: 'no-intro',
  title: 'No-Intro',
  homepage: 'https://datomatic.no-intro.org',
  defaultEnabled: true,
  defaultAutoImport: true,
  needsCredentials: false,
  transport: 'web-form',
  downloads: 'DAT-o-MATIC daily pack (zip), a mirror of it, or a pack you downloaded',
};

/** How the pack was obtained; recorded in the ledger state so a run says which way worked. */
export type PackRoute = 'datomatic' | 'mirror' | 'file';

/** What check() learned, handed to fetch() so the site is not asked twice. */
interface CheckDetails {
  route: PackRoute;
  daily?: DailyPage;
}

/** Version text when the check cannot know the pack date (DAT-o-MATIC does not show it). */
export const unknownVersion = 'unknown';

function route(ctx: SourceRunContext<NoIntroConfig>): PackRoute {
  if (ctx.fromFile !== undefined) return 'file';
  return ctx.config.mode === 'mirror' ? 'mirror' : 'datomatic';
}

function mirrorUrl(ctx: SourceRunContext<NoIntroConfig>): string {
  const url = ctx.config.mirror_url;
  if (url === undefined) {
    throw new ConfigError(`no-intro: mode = "mirror" needs mirror_url in [sources.no-intro]${ctx.configFile !== null ? ` (${ctx.configFile})` : ''}`);
  }
  return url;
}

const datomaticUrl = (ctx: SourceRunContext<NoIntroConfig>) => ctx.config.url ?? defaultDatomaticUrl;

/** A known date is compared with the ledger; an unknown one never counts as up to date. */
function versionOf(date: string | undefined): Pick<RemoteVersion, 'version' | 'upToDate'> {
  return date !== undefined ? { version: date } : { version: unknownVersion, upToDate: false };
}

async function check(ctx: SourceRunContext<NoIntroConfig>): Promise<RemoteVersion> {
  const via = route(ctx);
  if (via === 'file') {
    const file = ctx.fromFile!;
    return { ...versionOf(await packFileVersion(file)), url: pathToFileURL(file).href, details: { route: via } satisfies CheckDetails };
  }
  if (via === 'mirror') {
    const url = mirrorUrl(ctx);
    const pack = await checkMirrorPack(ctx.http, url, ctx.signal);
    return {
      ...versionOf(pack.date),
      url,
      ...(pack.size !== undefined ? { totalBytes: pack.size } : {}),
      details: { route: via } satisfies CheckDetails,
    };
  }
  // One GET of the daily page (no form is posted here, so a dry run never submits anything).
  const daily = await openDailyPage(datomaticUrl(ctx), { timeoutMs: ctx.http.timeoutMs, signal: ctx.signal });
  return { ...versionOf(daily.date), url: dailyPageUrl(datomaticUrl(ctx)), details: { route: via, daily } satisfies CheckDetails };
}

async function fetch(ctx: FetchContext<NoIntroConfig>): Promise<FetchResult> {
  const details = (ctx.remote.details ?? {}) as Partial<CheckDetails>;
  const via = route(ctx);
  let pack: { file: string; name: string; transferredBytes: number };
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);

  if (via === 'file') {
    const file = ctx.fromFile!;
    pack = { file, name: file.split(/[\\/]/).pop() ?? file, transferredBytes: 0 };
  } else if (via === 'mirror') {
    pack = await downloadMirrorPack(ctx.http, mirrorUrl(ctx), ctx.workDir, { signal: ctx.signal, progress: ctx.progress });
  } else {
    const daily = details.daily ?? (await openDailyPage(datomaticUrl(ctx), { timeoutMs: ctx.http.timeoutMs, signal: ctx.signal }));
    const downloaded = await downloadDailyPack(daily, {
      include: ctx.config.include,
      stepDelayMs: ctx.config.step_delay * 1000,
      workDir: ctx.workDir,
      signal: ctx.signal,
      progress: ctx.progress,
      warn,
    });
    pack = downloaded;
  }

  ctx.progress({ phase: 'extracting', message: pack.name });
  const staged = await stagePack(pack.file, pack.name, {
    stagingDir: ctx.stagingDir,
    currentDir: ctx.currentDir,
    signal: ctx.signal,
    progress: ctx.progress,
    warn,
  });
  const version = staged.version ?? (ctx.remote.version !== unknownVersion ? ctx.remote.version : undefined);
  return {
    files: staged.files,
    changed: staged.changed,
    ...(version !== undefined ? { version } : {}),
    transferredBytes: pack.transferredBytes,
    warnings,
    state: {
      via,
      pack: pack.name,
      systems: staged.systems,
      changedSystems: staged.changedSystems,
      removedSystems: staged.removedSystems,
    },
  };
}

/** No-Intro: the DAT-o-MATIC daily pack, a mirror of it, or a pack the user downloaded (`--from-file`). */
export const noIntroSource: Source<NoIntroConfig> = {
  info,
  configSchema,
  availability: { available: true },
  acceptsFromFile: true,
  check,
  fetch,
};
