import { pathToFileURL } from 'node:url';
import {
  CancelledError,
  ConfigError,
  describeError,
  NetworkError,
  NotAvailableError,
  type VersionChange,
  type FetchContext,
  type FetchResult,
  type RemoteVersion,
  type SourceRunContext,
} from '@rommer/core';
import { displayUrl } from '@rommer/core/http';
import { defaultDatomaticUrl, type NoIntroConfig } from './config.js';
import { DatomaticRefusedError, downloadDailyPack, openDailyPage, type DailyPage } from './datomatic-flow.js';
import { alternativesHint, dailyPageUrl } from './datomatic-page.js';
import { coolDownSeconds, readState, utcMinute, type CoolDown, type NoIntroState } from './no-intro-state.js';
import { parseProfileXml, profileChanges, profileUrl, profileVersions, type ProfileEntry } from './profile-xml.js';
import { checkMirrorPack, downloadMirrorPack } from './mirror-pack.js';
import { packFileVersion } from './pack-file.js';
import { stagePack } from './stage-pack.js';

/** How the pack was obtained; recorded in the ledger state so a run says which way worked. */
export type PackRoute = 'datomatic' | 'mirror' | 'file';

/** What check() learned, handed to fetch() so the site is not asked twice. */
interface CheckDetails {
  route: PackRoute;
  daily?: DailyPage;
  /** profile.xml's versions, when the check read it. */
  profile?: Record<string, string>;
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
const nowSeconds = () => Math.floor(Date.now() / 1000);
const utcDay = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
const holdsVersion = (ctx: SourceRunContext<NoIntroConfig>) => ctx.held !== undefined && ctx.held.version !== '';

/** A known date is compared with the ledger; an unknown one never counts as up to date. */
function versionOf(date: string | undefined): Pick<RemoteVersion, 'version' | 'upToDate'> {
  return date !== undefined ? { version: date } : { version: unknownVersion, upToDate: false };
}

/** After a refusal, DAT-o-MATIC is left alone for a day: no request at all (bans are per IP), unless --force. */
function respectCoolDown(ctx: SourceRunContext<NoIntroConfig>, state: NoIntroState): void {
  const cool = state.coolDown;
  if (cool === undefined || ctx.force === true || nowSeconds() >= cool.until) return;
  throw new NotAvailableError(
    `no-intro: DAT-o-MATIC ${cool.reason} at ${utcMinute(cool.at)}; next try after ${utcMinute(cool.until)} (--force: now); meanwhile ${alternativesHint}`,
  );
}

/** Turns the site's refusal into the failure that records a cool-down in the ledger. */
function withCoolDown(ctx: SourceRunContext<NoIntroConfig>, error: unknown): unknown {
  if (!(error instanceof DatomaticRefusedError)) return error;
  const at = nowSeconds();
  const coolDown: CoolDown = { at, until: at + coolDownSeconds, reason: error.reason };
  return new NetworkError(
    `no-intro: DAT-o-MATIC ${error.reason}; next try after ${utcMinute(coolDown.until)} (--force: now); meanwhile ${alternativesHint}`,
    {
      cause: error,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ledgerState: { ...(ctx.held?.state ?? {}), coolDown },
    },
  );
}

async function openDaily(ctx: SourceRunContext<NoIntroConfig>): Promise<DailyPage> {
  try {
    return await openDailyPage(datomaticUrl(ctx), { timeoutMs: ctx.http.timeoutMs, signal: ctx.signal });
  } catch (error) {
    throw withCoolDown(ctx, error);
  }
}

/** profile.xml, read strictly; undefined (with a warning) when it cannot be used, so the check falls back to the daily page. */
async function readProfile(ctx: SourceRunContext<NoIntroConfig>): Promise<ProfileEntry[] | undefined> {
  const url = profileUrl(datomaticUrl(ctx));
  try {
    // One GET, never retried: the site is asked as little as possible.
    const response = await ctx.http.getText(url, { retry: false, signal: ctx.signal });
    return parseProfileXml(response.body, displayUrl(url));
  } catch (error) {
    if (error instanceof CancelledError || ctx.signal.aborted) throw error;
    ctx.warn(`no-intro: profile.xml could not be used (${describeError(error).replace(/^no-intro: /, '')}); checking the daily page instead`);
    return undefined;
  }
}

/** The newest stamp among the changes, as a pack date (the fetch reads the real one from the pack's name). */
function expectedDate(changes: readonly VersionChange[]): string | undefined {
  const newest = changes.map((c) => c.to ?? '').sort().at(-1);
  return newest !== undefined && /^\d{8}-/.test(newest) ? `${newest.slice(0, 4)}-${newest.slice(4, 6)}-${newest.slice(6, 8)}` : undefined;
}

async function checkDatomatic(ctx: SourceRunContext<NoIntroConfig>): Promise<RemoteVersion> {
  const state = readState(ctx.held);
  respectCoolDown(ctx, state);
  const entries = await readProfile(ctx);
  if (entries === undefined) {
    // Today's way: one GET of the daily page (no form is posted here, so a dry run never submits anything).
    const daily = await openDaily(ctx);
    return { ...versionOf(daily.date), url: dailyPageUrl(datomaticUrl(ctx)), details: { route: 'datomatic', daily } satisfies CheckDetails };
  }
  const details: CheckDetails = { route: 'datomatic', profile: profileVersions(entries) };
  const url = profileUrl(datomaticUrl(ctx));
  if (!holdsVersion(ctx) || state.systems === undefined) {
    return { version: unknownVersion, upToDate: false, url, details };
  }
  let changes = profileChanges(entries, { profile: state.profile, systems: state.systems });
  // A DAT today's pack did not carry yet is asked for again with the next daily pack, not every run.
  const lagging = new Set(state.lagging ?? []);
  if (state.packDay === utcDay(nowSeconds())) {
    const waiting = changes.filter((c) => lagging.has(c.item));
    if (waiting.length > 0) {
      ctx.warn(`no-intro: today's daily pack did not carry the newest ${waiting.map((c) => c.item).join(', ')} yet; asked again with tomorrow's`);
      changes = changes.filter((c) => !lagging.has(c.item));
    }
  }
  if (changes.length === 0) return { version: ctx.held!.version, upToDate: true, changes, url, details };
  return { version: expectedDate(changes) ?? unknownVersion, upToDate: false, changes, url, details };
}

export async function checkNoIntro(ctx: SourceRunContext<NoIntroConfig>): Promise<RemoteVersion> {
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
  return checkDatomatic(ctx);
}

export async function fetchNoIntro(ctx: FetchContext<NoIntroConfig>): Promise<FetchResult> {
  const details = (ctx.remote.details ?? {}) as Partial<CheckDetails>;
  const via = route(ctx);
  const state = readState(ctx.held);
  let pack: { file: string; name: string; transferredBytes: number };
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);

  if (via === 'file') {
    const file = ctx.fromFile!;
    pack = { file, name: file.split(/[\\/]/).pop() ?? file, transferredBytes: 0 };
  } else if (via === 'mirror') {
    pack = await downloadMirrorPack(ctx.http, mirrorUrl(ctx), ctx.workDir, { signal: ctx.signal, progress: ctx.progress });
  } else {
    const daily = details.daily ?? (await openDaily(ctx));
    try {
      pack = await downloadDailyPack(daily, {
        include: ctx.config.include,
        stepDelayMs: ctx.config.step_delay * 1000,
        workDir: ctx.workDir,
        signal: ctx.signal,
        progress: ctx.progress,
        warn,
      });
    } catch (error) {
      throw withCoolDown(ctx, error);
    }
  }

  ctx.progress({ phase: 'extracting', message: pack.name });
  const staged = await stagePack(pack.file, pack.name, {
    stagingDir: ctx.stagingDir,
    currentDir: ctx.currentDir,
    signal: ctx.signal,
    progress: ctx.progress,
    warn,
    missingGraceDays: ctx.config.missing_grace_days,
    ...(state.missing !== undefined ? { missingSince: state.missing } : {}),
  });
  const version = staged.version ?? (ctx.remote.version !== unknownVersion ? ctx.remote.version : undefined);
  const next: NoIntroState = {
    via,
    pack: pack.name,
    systems: staged.systems,
    changedSystems: staged.changedSystems,
    removedSystems: staged.removedSystems,
    ...(Object.keys(staged.missingSince).length > 0 ? { missing: staged.missingSince } : {}),
    // A pack from elsewhere does not lift DAT-o-MATIC's cool-down.
    ...(via !== 'datomatic' && state.coolDown !== undefined && state.coolDown.until > nowSeconds() ? { coolDown: state.coolDown } : {}),
  };
  if (details.profile !== undefined) {
    // The profile seen now is the baseline of the next check. A DAT the pack carried older than the
    // profile said is "lagging": the next check asks for it again once a newer daily pack can exist.
    const delivered = new Map(Object.entries(staged.systems).map(([key, stamp]) => [key.split('/').pop() ?? key, stamp]));
    const lagging = Object.entries(details.profile)
      .filter(([name, version]) => (delivered.get(name) ?? version) < version)
      .map(([name]) => name);
    next.profile = details.profile;
    if (lagging.length > 0) {
      next.lagging = lagging;
      next.packDay = utcDay(nowSeconds());
      for (const name of lagging) next.profile[name] = delivered.get(name)!;
    }
  }
  return {
    files: staged.files,
    changed: staged.changed,
    ...(version !== undefined ? { version } : {}),
    transferredBytes: pack.transferredBytes,
    warnings,
    state: next as Record<string, unknown>,
  };
}
