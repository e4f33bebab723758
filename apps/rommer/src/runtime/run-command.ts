import { resolvePaths, UsageError, type RommerPaths } from '@rommer/core';
import { loadCommandContext, type CommandContext } from '../services/context.js';
import { CANCELLED_EXIT_CODE, outputMode, processOutput, reportError, type Output } from '../services/output.js';
import { findRefusedFlag, type Accepted, type GlobalFlags } from './flags.js';
import { parsingDone } from './usage-exit-code.js';

/** What every command runs with: handed over by `runCommand`, never built by the command itself. */
export interface CommandRun {
  paths: RommerPaths;
  env: Record<string, string | undefined>;
  output: Output;
  /** Aborted by Ctrl-C (SIGINT) or SIGTERM; the command then ends with 130. */
  signal: AbortSignal;
  /** sources.conf read and validated, the sources registered: loaded on first call, once. */
  context(): Promise<CommandContext>;
}

/** The flags every command's schema has, before a refused value is turned away. */
export type CommandFlags = { [K in keyof GlobalFlags]?: unknown } & { json?: boolean | undefined };

export interface CommandSpec<F extends CommandFlags = CommandFlags> {
  /** As pastel parsed them: a value the schema refused is a `RefusedFlag`, reported before `run`. */
  flags: F;
  /**
   * On a terminal the command draws an Ink view that takes Ctrl-C itself (asks, then cancels):
   * the runtime then leaves SIGINT to it.
   */
  drawsOnTerminal?: boolean;
  /**
   * The command's exit code already says what a signal stopped (update: 130 only when a source was
   * cancelled, not when everything had committed); otherwise a signalled run ends with 130.
   */
  exitCodeTellsCancel?: boolean;
  run(run: CommandRun, flags: Accepted<F>): Promise<number>;
}

/** `--concurrency abc`: the usage error for the first flag the schema refused, if any. */
export function refusedFlagError(flags: object): UsageError | undefined {
  const found = findRefusedFlag(flags);
  if (found === undefined) return undefined;
  const { key, refused } = found;
  const name = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const got = typeof refused.input === 'string' ? `, got ${JSON.stringify(refused.input)}` : '';
  return new UsageError(`${name} <${refused.value}>: expected ${refused.expected}${got}`);
}

/**
 * The one way a command runs: resolves paths and (on demand) the configuration, picks the output
 * mode, turns Ctrl-C into an abort and exit code 130, and every error into one line on stderr with
 * its exit code (2 usage or configuration, 1 anything else). Resolves with the exit code.
 */
export async function runCommand<F extends CommandFlags>(spec: CommandSpec<F>, env: Record<string, string | undefined> = process.env): Promise<number> {
  parsingDone();
  const output = processOutput(outputMode(spec.flags.json === true));
  const controller = new AbortController();
  const viewTakesInterrupts = spec.drawsOnTerminal === true && output.mode === 'terminal';
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(CANCELLED_EXIT_CODE);
    output.error('rommer: cancelling (press Ctrl-C again to stop at once)…');
    controller.abort();
  };
  if (!viewTakesInterrupts) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  let context: Promise<CommandContext> | undefined;
  try {
    const refused = refusedFlagError(spec.flags);
    if (refused !== undefined) throw refused;
    const flags = spec.flags as Accepted<F>;
    const paths = resolvePaths({ config: flags.config as string | undefined, dataDir: flags.dataDir as string | undefined }, env);
    const code = await spec.run(
      {
        paths,
        env,
        output,
        signal: controller.signal,
        context: () => (context ??= loadCommandContext(flags as GlobalFlags, env)),
      },
      flags,
    );
    return controller.signal.aborted && spec.exitCodeTellsCancel !== true ? CANCELLED_EXIT_CODE : code;
  } catch (error) {
    if (controller.signal.aborted) return CANCELLED_EXIT_CODE;
    return reportError(error);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
