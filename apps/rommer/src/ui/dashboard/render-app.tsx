import type { SourceResult, UpdateEvent } from '@rommer/core';
import { render, useApp } from 'ink';
import { useCallback, type ReactNode } from 'react';
import type { SourceRow } from '../../services/source-rows.js';
import { Dashboard } from './dashboard.js';
import type { StartScan } from './scan-view.js';
import { LiveUpdate } from './live-update.js';
import type { RunOptions } from './progress-model.js';
import { colourWanted, ThemeProvider } from './theme.js';

/** The streams and environment the views use; the process's own unless a test hands others. */
export interface TerminalIO {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  env?: Record<string, string | undefined>;
}

export interface DashboardInput {
  rows: SourceRow[];
  initialOptions: RunOptions;
  start: (
    selection: string[],
    options: RunOptions,
    onEvent: (event: UpdateEvent) => void,
    signal: AbortSignal,
  ) => Promise<{ sources: SourceResult[]; durationMs: number }>;
  /** One source's change list as lines, for the summary's `c` key. */
  loadChanges?: (source: string) => Promise<string[]>;
  /** The scan view: the folders of sources.conf's [scan] paths and how to scan one. */
  scan?: { paths: string[]; start: StartScan };
  io?: TerminalIO;
}

export interface LiveUpdateInput {
  rows: SourceRow[];
  selection: string[];
  start: (onEvent: (event: UpdateEvent) => void, signal: AbortSignal) => Promise<{ sources: SourceResult[]; durationMs: number }>;
  /** Shown in the heading until the run's start event says; the start event wins. */
  options?: RunOptions;
  io?: TerminalIO;
}

/**
 * `rommer` on a terminal: the source list, the live run and the summary, until the user quits.
 * Resolves with the exit code: the last run's (0 all well, 1 a source failed, 130 cancelled), 0 when nothing ran.
 */
export function runDashboard(input: DashboardInput): Promise<number> {
  return renderUntilExit(input.io, (onExit) => (
    <Dashboard
      rows={input.rows}
      initialOptions={input.initialOptions}
      start={input.start}
      {...(input.scan ? { scan: input.scan } : {})}
      onExit={onExit}
      {...(input.loadChanges !== undefined ? { loadChanges: input.loadChanges } : {})}
    />
  ));
}

/** `rommer update` on a terminal: live progress, then the summary; resolves with the exit code. */
export function runLiveUpdate(input: LiveUpdateInput): Promise<number> {
  const options = input.options ?? { import: false, dryRun: false, force: false };
  return renderUntilExit(input.io, (onExit) => (
    <LiveUpdate rows={input.rows} selection={input.selection} options={options} start={input.start} onExit={onExit} />
  ));
}

function Root({ colour, onCode, view }: { colour: boolean; onCode: (code: number) => void; view: (onExit: (code: number) => void) => ReactNode }) {
  const { exit } = useApp();
  const onExit = useCallback(
    (code: number) => {
      onCode(code);
      exit();
    },
    [exit, onCode],
  );
  return <ThemeProvider colour={colour}>{view(onExit)}</ThemeProvider>;
}

async function renderUntilExit(io: TerminalIO = {}, view: (onExit: (code: number) => void) => ReactNode): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stdin = io.stdin ?? process.stdin;
  const stderr = io.stderr ?? process.stderr;
  // Ink moves the cursor to redraw: never into a pipe or a file (the plain reporter is for those).
  if (stdout.isTTY !== true) throw new Error('the dashboard needs a terminal on stdout: use the plain or JSON reporter');
  let code = 0;
  const instance = render(
    <Root colour={colourWanted(io.env ?? process.env)} onCode={(value) => (code = value)} view={view} />,
    // Ctrl-C is ours: the run view asks once, then cancels (Ink would exit at once). Stray
    // console output goes above the views on the real terminal; tests bring their own streams.
    { stdout, stdin, stderr, exitOnCtrlC: false, patchConsole: io.stdout === undefined },
  );
  await instance.waitUntilExit();
  return code;
}
