import type { ProgressUpdate } from './events.js';

/** What the version ledger remembers about one source. */
export interface LedgerEntry {
  source: string;
  /** '' when no update succeeded yet and only a failure's state was recorded. */
  version: string;
  /** Unix seconds of the last successful update. */
  lastUpdated: number;
  url: string | null;
  /** Unix seconds of the last check, successful or not. */
  lastChecked: number | null;
  /** Source-specific state (per-file hashes, ETags) for incremental updates. */
  state: Record<string, unknown> | null;
  lastError: string | null;
}

/** The version ledger. The app hands core an implementation backed by the store. */
export interface Ledger {
  get(source: string): Promise<LedgerEntry | undefined>;
  list(): Promise<LedgerEntry[]>;
  /** Record a successful update. */
  set(entry: Omit<LedgerEntry, 'lastChecked' | 'lastError'> & { lastChecked?: number | null }): Promise<void>;
  /**
   * Record a check (and its error, or null when it went well) without changing the version.
   * `state`, when given, replaces the source's state (a cool-down after a refusal); a source
   * that holds no version yet then still gets an entry, with `version` '' (nothing held).
   */
  recordCheck(source: string, checkedAt: number, error: string | null, state?: Record<string, unknown>): Promise<void>;
}

/** The DAT formats rommer reads. */
export type DatFormat = 'logiqx' | 'listxml' | 'clrmamepro';

/** A DAT's header as written (Logiqx `<header>`, ClrMamePro `clrmamepro ( … )`, ListXML root attributes). */
export interface DatHeader {
  name?: string;
  description?: string;
  category?: string;
  version?: string;
  date?: string;
  author?: string;
  homepage?: string;
  url?: string;
  comment?: string;
}

/** What a DAT file claims to be, read cheaply from its first bytes. */
export interface SniffResult {
  format: DatFormat;
  header: Pick<DatHeader, 'name' | 'description' | 'version' | 'date' | 'author' | 'category'>;
}

export interface ImportFileRequest {
  /** Absolute path of the DAT on disk. */
  path: string;
  /** The source it belongs to (the `--source` id), or null for a user import. */
  source: string | null;
  /** The source's version the file comes from (recorded with its change set). */
  sourceVersion?: string;
  /** The DAT's identity across versions when the source defines it (Source.datIdentity). */
  identity?: string;
}

/** Games a new DAT version added, removed, renamed and changed against the one it replaced. */
export interface ChangeCounts {
  added: number;
  removed: number;
  renamed: number;
  changed: number;
}

export interface ImportFileOutcome {
  path: string;
  status: 'imported' | 'unchanged' | 'failed';
  games: number;
  roms: number;
  disks: number;
  /** The change set recorded (imported files only; absent when nothing changed). */
  changes?: ChangeCounts;
  error?: string;
  /** The failure was the catalogue's (it could not be written), not the DAT's. */
  catalogueFailed?: boolean;
  /**
   * The catalogue could take no write at all (locked by another process, disk full, read-only):
   * the batch stopped there, and the files after this one were not tried.
   */
  catalogueUnavailable?: boolean;
  /** What was malformed but read anyway, or skipped in an archive: `<file>, line <n>: <what>`. */
  warnings?: string[];
}

export interface ImportBatchResult {
  files: ImportFileOutcome[];
}

/** The importer as the orchestrator sees it. The app hands core an implementation from @rommer/import. */
export interface Importer {
  /** Recognise a DAT and read its header; throws DatFormatError with the file name when it is not one. */
  sniff(path: string): Promise<SniffResult>;
  /** Import files one transaction each; a failed file never stops the rest. */
  importFiles(
    files: ImportFileRequest[],
    options: {
      signal?: AbortSignal;
      onProgress?: (update: ProgressUpdate) => void;
      /**
       * The files lie in a staging folder that will replace `target`: catalogue them (keys, names in
       * messages) as the files they become, so one parse both verifies and imports them.
       */
      stagedAs?: { staged: string; target: string };
    },
  ): Promise<ImportBatchResult>;
  /** The DATs the catalogue holds for a source: their files (absolute) and sizes. */
  catalogued?(source: string): Promise<{ file: string; size: number }[]>;
  /**
   * Read a DAT to its end; throws when it is cut short or malformed. Slower than sniff, so the
   * orchestrator asks it only of changed files, before the commit: a DAT that would fail to import
   * must never replace the one held.
   */
  verify?(path: string, options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * Forget DATs whose files no longer exist under the given folder (a source's committed folder);
   * each removal is recorded as a change set. Returns how many DATs went, and their games.
   */
  removeMissing?(folder: string, source: string): Promise<{ dats: number; games: number }>;
}
