import { redactUrlCredentials } from '@rommer/core';
import { describeError, firstLine } from '@rommer/core/errors';

/**
 * One line that says what went wrong. Prisma's messages start with "Invalid `prisma.x.y()`
 * invocation:" and put the cause last; driver and other errors put it first.
 */
export function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return describeError(error);
  const first = firstLine(error.message);
  if (!first.startsWith('Invalid `')) return describeError(error);
  return firstLine(error.message.split('\n').reverse().join('\n'));
}

/** A driver message, on one line, with any URL in it stripped of its password. */
export function pgErrorLine(error: unknown): string {
  return redactUrlCredentials(errorLine(error));
}
