import { useApp } from 'ink';
import { useEffect } from 'react';
import { runCommand, type CommandFlags, type CommandSpec } from './run-command.js';

/**
 * What each pastel command renders. pastel parses and validates the flags with the command's zod
 * schema and renders its component in an Ink app made with Ink's defaults (Ctrl-C ends the app at
 * once, console patched). rommer's commands print plain lines and JSON, and the two that draw need
 * Ctrl-C themselves, so this ends pastel's app at once and hands the command to `runCommand`,
 * which draws (with its own Ink options) only when there is a terminal to draw on.
 */
export function Command<F extends CommandFlags>(spec: CommandSpec<F>) {
  const { exit } = useApp();
  useEffect(() => {
    exit();
    void runCommand(spec).then((code) => {
      process.exitCode = code;
    });
    // The command runs once per process.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}
