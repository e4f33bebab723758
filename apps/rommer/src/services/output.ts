import { describeError, humanText, RommerError } from '@rommer/core';

/** How a command speaks: a terminal to draw on, plain lines (pipes, logs, CI) or JSON (`--json`). */
/** 128 + SIGINT, as shells report a command stopped by Ctrl-C; every cancelled command ends with it. */
export const CANCELLED_EXIT_CODE = 130;

export type OutputMode = 'terminal' | 'plain' | 'json';

export interface Output {
  mode: OutputMode;
  /** One line of the result, on stdout. */
  print(line?: string): void;
  /** One line about a failure, on stderr. */
  error(line: string): void;
}

export function outputMode(json: boolean, stdout: { isTTY?: boolean } = process.stdout): OutputMode {
  if (json) return 'json';
  return stdout.isTTY === true ? 'terminal' : 'plain';
}

/**
 * Writes one line to stdout. Plain output never uses cursor movement; text from DATs and archives
 * may hold terminal escapes and URLs may hold credentials, so every line is escaped and redacted
 * here (newlines a caller put in on purpose, as in pretty JSON, stay).
 */
export function printLine(line = ''): void {
  process.stdout.write(`${humanText(line, { keepNewlines: true })}\n`);
}

/** The same, on stderr: failures and hints that are not the command's result. */
export function printErrorLine(line: string): void {
  process.stderr.write(`${humanText(line, { keepNewlines: true })}\n`);
}

export function processOutput(mode: OutputMode): Output {
  return { mode, print: printLine, error: printErrorLine };
}

/** Prints an error as one line on stderr and returns the exit code it calls for. */
export function reportError(error: unknown): number {
  process.stderr.write(`rommer: ${humanText(describeError(error))}\n`);
  if (error instanceof RommerError) return error.exitCode;
  if (process.env['ROMMER_DEBUG'] !== undefined && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
