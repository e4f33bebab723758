// The errors entry point alone: the whole of core (HTTP, git, HTML) is not needed to print an error.
import { describeError, humanText, RommerError } from '@rommer/core';

/**
 * Writes one line to stdout. Plain output never uses cursor movement; text from DATs and archives
 * may hold terminal escapes and URLs may hold credentials, so every line is escaped and redacted
 * here (newlines a caller put in on purpose, as in pretty JSON, stay).
 */
export function printLine(line = ''): void {
  process.stdout.write(`${humanText(line, { keepNewlines: true })}\n`);
}

/** Prints an error as one line on stderr and returns the exit code it calls for. */
export function reportError(error: unknown): number {
  process.stderr.write(`rommer: ${humanText(describeError(error))}\n`);
  if (error instanceof RommerError) return error.exitCode;
  if (process.env['ROMMER_DEBUG'] !== undefined && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
