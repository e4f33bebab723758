import { CommanderError } from 'commander';
import type { z } from 'zod';
import { UsageError } from '@rommer/core';
import { reportError } from '../services/output.js';
import { commandFromHelp, type HelpCommand } from '../help/help-manifest.js';
import { prepareProcess } from './process-setup.js';
import { runCommand, type CommandFlags, type CommandSpec } from './run-command.js';

// A command run without pastel. pastel imports Ink, React and every command module before it
// parses a flag (~0.8 s, ~9x `node -e 0`), which a no-change `rommer update` cannot afford. The
// command's flags are still declared once, in its zod schema: commander parses argv against the
// options pastel made of that schema (the help manifest written at build time), and the schema
// then gives them their types and defaults, as under pastel. Owning the commander program also
// lets a bare list flag (`--source` alone) be commander's usage error, which pastel cannot say.

export interface DirectCommand<F extends CommandFlags> extends Omit<CommandSpec<F>, 'flags'> {
  options: z.ZodType<F>;
}

/** Usage errors are commander's lines on stderr with rommer's exit code for them. */
const USAGE_EXIT_CODE = 2;

/**
 * The flags `args` give, as commander reads them with the options in `help`; a parse failure is
 * written to stderr by commander and thrown as its CommanderError.
 */
export function parseArgv(help: HelpCommand, args: readonly string[]): Record<string, unknown> {
  const command = commandFromHelp(help).exitOverride();
  let flags: Record<string, unknown> | undefined;
  command.action(() => {
    flags = command.opts();
  });
  command.parse([...args], { from: 'user' });
  if (flags === undefined) throw new CommanderError(USAGE_EXIT_CODE, 'rommer.noAction', 'no command ran');
  for (const option of command.options) {
    // A list flag's value is optional to commander (pastel declares it `[id...]`), not to rommer.
    if (flags[option.attributeName()] === true && (option.optional || option.required)) {
      command.error(`error: option '${option.flags.replace('[', '<').replace(']', '>')}' argument missing`, {
        exitCode: USAGE_EXIT_CODE,
        code: 'commander.optionMissingArgument',
      });
    }
  }
  return flags;
}

/** Parses `args` for the command `help` describes and runs it; resolves with the exit code. */
export async function runDirect<F extends CommandFlags>(help: HelpCommand, args: readonly string[], command: DirectCommand<F>): Promise<number> {
  prepareProcess();
  let raw: Record<string, unknown>;
  try {
    raw = parseArgv(help, args);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help and --version mixed with other flags print and end with 0.
    return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
  }
  const { options, ...spec } = command;
  const parsed = options.safeParse(raw);
  if (!parsed.success) {
    // The flag helpers catch what their values refuse; this is a schema that does not.
    const issue = parsed.error.issues[0];
    return reportError(new UsageError(`--${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'refused'}`));
  }
  return runCommand({ ...spec, flags: parsed.data });
}
