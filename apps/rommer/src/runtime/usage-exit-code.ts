/**
 * commander (inside pastel) ends the process with code 1 for an unknown flag, a missing value or
 * a refused choice, and pastel with 1 for a value its zod schema refuses; rommer promises 2 for
 * every usage error. pastel hands out no commander program to call `exitOverride()` on, so this
 * listens to the process's documented `exit` event instead: an exit with code 1 before any
 * command has started running can only be one of those, and ends with 2.
 */
let parsing = false;

export function reportParseFailuresAsUsage(): void {
  parsing = true;
  process.once('exit', (code) => {
    if (parsing && code === 1) process.exitCode = 2;
  });
}

/** Called as a command starts: from here on its own exit code stands. */
export function parsingDone(): void {
  parsing = false;
}
