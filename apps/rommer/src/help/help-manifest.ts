import { Argument, Command, Help, Option } from 'commander';

// The command line's help as data: what commander needs to print `rommer [command] --help`. It is
// written at build time from the program pastel builds out of the commands' zod schemas
// (write-help-manifest.ts), and read back by cli.ts to answer --help without loading pastel, Ink,
// React, zod or any command module. commander then formats it, so the text (and its wrapping to
// the terminal's width) is the one pastel's program prints.

export interface HelpOption {
  flags: string;
  description: string;
  defaultValue?: unknown;
  defaultValueDescription?: string;
  choices?: string[];
  preset?: unknown;
  env?: string;
  hidden?: boolean;
}

export interface HelpArgument {
  /** As commander declares it: `<path...>`, `[command]`. */
  spec: string;
  description: string;
  defaultValue?: unknown;
  defaultValueDescription?: string;
  choices?: string[];
}

export interface HelpCommand {
  name: string;
  aliases: string[];
  description: string;
  summary: string;
  /** The command's own options (the help option is `helpOption`). */
  options: HelpOption[];
  arguments: HelpArgument[];
  commands: HelpCommand[];
  /** `-h, --help` and its text, or null when the command has none. */
  helpOption: { flags: string; description: string } | null;
  /** `help [command]` and its text, or null when the command has none. */
  helpCommand: { spec: string; description: string } | null;
}

function argumentSpec(argument: Argument): string {
  const name = `${argument.name()}${argument.variadic ? '...' : ''}`;
  return argument.required ? `<${name}>` : `[${name}]`;
}

/** Only values JSON keeps as they are (a Set, say, would print differently once read back). */
function jsonValue(value: unknown, where: string): unknown {
  const plain = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v) || (Array.isArray(v) && v.every(plain));
  if (!plain(value)) throw new Error(`${where}: its default ${String(value)} does not survive JSON`);
  return value;
}

/** The help of `command` and its subcommands, from commander's public API. */
export function describeCommand(command: Command): HelpCommand {
  const help = new Help();
  const helpOption = help.visibleOptions(command).find((option) => !command.options.includes(option));
  const helpCommand = help.visibleCommands(command).find((sub) => !command.commands.includes(sub));
  const where = command.name();
  return {
    name: command.name(),
    aliases: command.aliases(),
    description: command.description(),
    summary: command.summary(),
    options: command.options.map((option) => ({
      flags: option.flags,
      description: option.description,
      ...(option.defaultValue !== undefined ? { defaultValue: jsonValue(option.defaultValue, `${where} ${option.flags}`) } : {}),
      ...(option.defaultValueDescription !== undefined ? { defaultValueDescription: option.defaultValueDescription } : {}),
      ...(option.argChoices !== undefined ? { choices: option.argChoices } : {}),
      ...(option.presetArg !== undefined ? { preset: jsonValue(option.presetArg, `${where} ${option.flags}`) } : {}),
      ...(option.envVar !== undefined ? { env: option.envVar } : {}),
      ...(option.hidden ? { hidden: true } : {}),
    })),
    arguments: command.registeredArguments.map((argument) => ({
      spec: argumentSpec(argument),
      description: argument.description,
      ...(argument.defaultValue !== undefined ? { defaultValue: jsonValue(argument.defaultValue, `${where} ${argument.name()}`) } : {}),
      ...(argument.defaultValueDescription !== undefined ? { defaultValueDescription: argument.defaultValueDescription } : {}),
      ...(argument.argChoices !== undefined ? { choices: argument.argChoices } : {}),
    })),
    commands: command.commands.map(describeCommand),
    helpOption: helpOption === undefined ? null : { flags: helpOption.flags, description: helpOption.description },
    helpCommand:
      helpCommand === undefined
        ? null
        : { spec: [helpCommand.name(), ...helpCommand.registeredArguments.map(argumentSpec)].join(' '), description: helpCommand.description() },
  };
}

/** A commander program that prints the help described (it has no actions: it only prints help). */
export function commandFromHelp(described: HelpCommand): Command {
  const command = new Command(described.name);
  command.aliases(described.aliases).description(described.description).summary(described.summary);
  for (const o of described.options) {
    const option = new Option(o.flags, o.description);
    if (o.defaultValue !== undefined || o.defaultValueDescription !== undefined) option.default(o.defaultValue, o.defaultValueDescription);
    if (o.choices !== undefined) option.choices(o.choices);
    if (o.preset !== undefined) option.preset(o.preset);
    if (o.env !== undefined) option.env(o.env);
    if (o.hidden === true) option.hideHelp();
    command.addOption(option);
  }
  for (const a of described.arguments) {
    const argument = new Argument(a.spec, a.description);
    if (a.defaultValue !== undefined || a.defaultValueDescription !== undefined) argument.default(a.defaultValue, a.defaultValueDescription);
    if (a.choices !== undefined) argument.choices(a.choices);
    command.addArgument(argument);
  }
  for (const sub of described.commands) command.addCommand(commandFromHelp(sub));
  if (described.helpOption === null) command.helpOption(false);
  else command.helpOption(described.helpOption.flags, described.helpOption.description);
  if (described.helpCommand === null) command.helpCommand(false);
  else command.helpCommand(described.helpCommand.spec, described.helpCommand.description);
  return command;
}

function findSub(command: HelpCommand, word: string): HelpCommand | undefined {
  return command.commands.find((sub) => sub.name === word || sub.aliases.includes(word));
}

/**
 * The command whose help `args` ask for, as the names leading to it (`[]` the root), when `args`
 * are only that: `[command...] --help|-h`, or `[command...] help [command]`. Anything else is
 * left to pastel (undefined).
 */
export function helpAskedFor(root: HelpCommand, args: readonly string[]): string[] | undefined {
  let command = root;
  const path: string[] = [];
  for (const [i, word] of args.entries()) {
    const rest = args.length - i - 1;
    const flags = command.helpOption === null ? [] : command.helpOption.flags.split(/[ ,|]+/).filter(Boolean);
    if (rest === 0 && flags.includes(word)) return path;
    if (word === 'help' && command.helpCommand !== null && rest <= 1) {
      if (rest === 0) return path;
      const sub = findSub(command, args[i + 1]!);
      return sub === undefined ? undefined : [...path, sub.name];
    }
    const sub = findSub(command, word);
    if (sub === undefined) return undefined;
    command = sub;
    path.push(sub.name);
  }
  return undefined;
}

/** The help text of the command at `path`, as commander prints it (wrapped to the terminal's width). */
export function helpText(root: HelpCommand, path: readonly string[]): string {
  let command = commandFromHelp(root);
  for (const name of path) command = command.commands.find((sub) => sub.name() === name)!;
  return command.helpInformation();
}
