import type { z } from 'zod';
import type { ResolvedDefaults } from './config/schema.js';
import type { LedgerEntry } from './ports.js';
import type { ProgressUpdate } from './events.js';
import type { HttpClient } from './transport/http-client.js';

/** How a source gets its files; shown in listings and the dashboard. */
export type Transport = 'git' | 'github-release' | 'github-tree' | 'http-pack' | 'http-files' | 'web-form';

export interface SourceInfo {
  /** The `--source` value and the folder name under `<data>/dats/`. */
  id: string;
  title: string;
  homepage: string;
  /** Enabled when sources.conf does not say. */
  defaultEnabled: boolean;
  /** Import after update when sources.conf does not say. */
  defaultAutoImport: boolean;
  /** Full coverage needs an account. */
  needsCredentials: boolean;
  transport: Transport;
  /** What is downloaded, in a few words ("git repository, 51 Logiqx DATs"). */
  downloads: string;
}

/** One file a source would transfer, as far as the check can tell. */
export interface RemoteFile {
  path: string;
  size?: number;
  /** Whatever identifies this file's content upstream (a blob sha, a date). */
  hash?: string;
}

/** One item (a system's DAT) whose version upstream differs from the one held. */
export interface VersionChange {
  item: string;
  /** The version held; null when the item is new. */
  from: string | null;
  /** The version upstream; null when the item is gone. */
  to: string | null;
}

/** The cheap answer of `check()`: what the upstream holds now. */
export interface RemoteVersion {
  version: string;
  /** What a fetch would transfer, where known (files and/or total size). */
  files?: RemoteFile[];
  totalBytes?: number;
  /** The URL the version came from, recorded in the ledger. */
  url?: string;
  /**
   * Sources whose version is per-file (a tree sha with blob shas, per-system dates) can decide
   * themselves whether what is held is current; when absent, `version === held.version` decides.
   */
  upToDate?: boolean;
  /** Where the check can tell: which items would change (a dry run reports them). */
  changes?: VersionChange[];
  /** Opaque source data carried from check to fetch (API answers, links found). */
  details?: unknown;
}

export interface SourceRunContext<C> {
  /** This source's validated `[sources.<id>]` table, with defaults applied. */
  config: C;
  defaults: ResolvedDefaults;
  /** What the ledger holds for this source, if anything. */
  held: LedgerEntry | undefined;
  signal: AbortSignal;
  progress(update: ProgressUpdate): void;
  warn(message: string): void;
  /** The process environment (tokens, passwords for scripts). */
  env: Record<string, string | undefined>;
  /** The sources.conf that was read (null when none exists): warnings about it name it. */
  configFile: string | null;
  /** A file the user supplied instead of a download (`rommer update --source X --from-file F`). */
  fromFile?: string;
  /** The HTTP transport, configured from [defaults] (timeout, retries) with rommer's User-Agent. */
  http: HttpClient;
  /**
   * `--force`: download again even what looks current (incremental sources skip their copies), and
   * now (a source's own cool-down after a refusal does not hold it back).
   */
  force?: boolean;
}

export interface FetchContext<C> extends SourceRunContext<C> {
  remote: RemoteVersion;
  /** An empty folder: everything the source should hold after this update goes here. */
  stagingDir: string;
  /** The committed folder `<data>/dats/<id>/` (may not exist): unchanged files can be copied from it. */
  currentDir: string;
  /** A scratch folder for downloads that are not part of the result (packs before extraction). */
  workDir: string;
  /** A folder kept between runs for this source (a shallow git clone), outside the DAT library. */
  cacheDir: string;
}

export interface FetchResult {
  /** Every DAT staged, relative to `stagingDir`. */
  files: string[];
  /** Staged DATs whose content changed since the held version (default: all of them). */
  changed?: string[];
  /** Source-specific state the ledger keeps for the next incremental update (e.g. blob shas). */
  state?: Record<string, unknown>;
  /** The version actually obtained, when it can only be known after the download. */
  version?: string;
  /** Bytes transferred over the network. */
  transferredBytes?: number;
  /** Non-fatal notes (files skipped, badly encoded names). */
  warnings?: string[];
}

/** The contract every upstream package implements. */
export interface Source<C extends Record<string, unknown> = Record<string, unknown>> {
  info: SourceInfo;
  /** The keys this source accepts in `[sources.<id>]` beyond the common ones (strict zod object). */
  configSchema: z.ZodType<C>;
  /** Which staged DATs an import takes (TOSEC's `import_paths`); all of them when absent. */
  importFilter?(relativePath: string, config: C): boolean;
  /**
   * What links a staged DAT's versions (its path inside the source's folder, without what changes
   * from version to version); absent: the path with the usual date stamps removed.
   */
  datIdentity?(relativePath: string): string;
  /** True when this source can take `--from-file` (a pack the user downloaded). */
  acceptsFromFile?: boolean;
  check(ctx: SourceRunContext<C>): Promise<RemoteVersion>;
  fetch(ctx: FetchContext<C>): Promise<FetchResult>;
}

/** A source with its config type erased, as the registry and the orchestrator hold it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySource = Source<any>;
