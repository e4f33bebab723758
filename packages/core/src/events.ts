import type { ChangeCounts } from './ports.js';
import type { VersionChange } from './source.js';

/** Phases an update of one source passes through; the reporters show them. */
export type Phase =
  | 'queued'
  | 'checking'
  | 'downloading'
  | 'extracting'
  | 'verifying'
  | 'committing'
  | 'importing'
  | 'done'
  | 'failed'
  | 'skipped';

/** What a source or the importer reports while working. All fields optional but the phase. */
export interface ProgressUpdate {
  phase?: Phase;
  bytes?: number;
  totalBytes?: number;
  items?: number;
  totalItems?: number;
  /** The file or item being worked on. */
  item?: string;
  message?: string;
}

export type SourceStatus = 'updated' | 'up-to-date' | 'failed' | 'skipped' | 'would-update';

export interface SourceResult {
  id: string;
  status: SourceStatus;
  /** The version now held (or, in a dry run, the remote one). */
  version: string | null;
  previousVersion: string | null;
  /** DAT files staged and committed in this run (or, in a dry run, expected). */
  files: number;
  /** Files whose content changed. */
  changedFiles: number;
  transferredBytes: number;
  /** Where a dry run knows it: what a fetch would transfer. */
  plannedBytes?: number;
  /** Where the check could tell: the items (systems) whose version changed upstream, old → new. */
  upstreamChanges?: VersionChange[];
  imported: { dats: number; games: number; roms: number };
  /** What the imported DATs changed: DATs with a change set (removals included) and their games. */
  changes: { dats: number } & ChangeCounts;
  /** One line: why it failed or was skipped. */
  error: string | null;
  warnings: string[];
  durationMs: number;
}

export type UpdateEvent =
  | { type: 'start'; sources: string[]; dryRun: boolean; force: boolean; import: boolean }
  | ({ type: 'progress'; source: string; phase: Phase } & Omit<ProgressUpdate, 'phase'>)
  | { type: 'warning'; source: string; message: string }
  | { type: 'result'; source: string; result: SourceResult }
  | { type: 'summary'; sources: SourceResult[]; durationMs: number };

export type UpdateListener = (event: UpdateEvent) => void;
