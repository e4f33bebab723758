/**
 * rommer's typed errors. Every error a user can meet carries a one-line, user-facing `message`
 * (naming the file or source and the cause) and keeps the low-level error as `cause`.
 * `exitCode` tells the CLI how to end: 2 for usage/configuration, 1 for everything else.
 */

/**
 * What kind of failure, for scripts (`--json`) and tests. Core's codes are listed; each package adds
 * its own with its own subclass (`archive`, `dat-format`, `store`).
 */
export type ErrorCode =
  | 'config'
  | 'usage'
  | 'network'
  | 'upstream-changed'
  | 'credentials'
  | 'lock-held'
  | 'cancelled'
  | 'not-available'
  | (string & {});

export class RommerError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  /**
   * What a failing source wants the ledger to keep for its next run (a cool-down after the site
   * refused it); the orchestrator records it with the failure. Absent: the state held stays.
   */
  readonly ledgerState: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; exitCode?: number; ledgerState?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options?.exitCode ?? 1;
    this.ledgerState = options?.ledgerState;
  }
}

/** sources.conf cannot be read, parsed or validated. */
export class ConfigError extends RommerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config', message, { ...options, exitCode: 2 });
  }
}

/** Flags that do not make sense together or name something that does not exist. */
export class UsageError extends RommerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, { ...options, exitCode: 2 });
  }
}

/** A connection failed, timed out, or the server answered with an HTTP error. */
export class NetworkError extends RommerError {
  readonly status: number | undefined;
  constructor(message: string, options?: { cause?: unknown; status?: number; ledgerState?: Record<string, unknown> }) {
    super('network', message, options);
    this.status = options?.status;
  }
}

/** An upstream page or API no longer looks the way rommer expects. */
export class UpstreamChangedError extends RommerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('upstream-changed', message, options);
  }
}

/** Missing, wrong or unusable credentials. Messages never contain the secret. */
export class CredentialsError extends RommerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('credentials', message, options);
  }
}

/** Another rommer process holds the data folder's lock. */
export class LockHeldError extends RommerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('lock-held', message, options);
  }
}

/** The user (Ctrl-C) or a caller's AbortSignal cancelled the work. */
export class CancelledError extends RommerError {
  constructor(message = 'cancelled', options?: { cause?: unknown }) {
    super('cancelled', message, options);
  }
}

/** A source cannot run now (DAT-o-MATIC cooling down after a refusal): the update skips it, with this reason. */
export class NotAvailableError extends RommerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('not-available', message, options);
  }
}

/** The first non-blank line of a message, trimmed: how a low-level cause is embedded in a one-line message. */
export function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

/** One line for the user: a RommerError's own message, or the first line of anything else. */
export function describeError(error: unknown): string {
  if (error instanceof RommerError) return error.message;
  if (error instanceof Error) return firstLine(error.message) || error.name;
  return firstLine(String(error));
}
