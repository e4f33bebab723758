import { Command } from 'commander';

/**
 * Pastel builds commander's program itself. The root command (the dashboard) and the subcommands
 * share flags such as --config and --data-dir, and by default commander lets the root's options
 * match after a subcommand too, stealing them from it. Positional options keep every flag with the
 * command it follows: `rommer --config x` for the dashboard, `rommer update --config x` for update.
 */
export function usePositionalOptions(): void {
  const parse = Command.prototype.parse;
  Command.prototype.parse = function (this: Command, ...args: Parameters<Command['parse']>) {
    if (this.parent === null) this.enablePositionalOptions();
    return parse.apply(this, args);
  };
}
