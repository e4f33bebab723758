/**
 * What the process needs before React and Ink load, whichever way a command is run (pastel or
 * cli.ts's direct path). Call it before the first import that can reach React.
 */
export function prepareProcess(): void {
  // React's development build costs start-up time and checks nobody reads here; a developer who
  // wants it sets NODE_ENV.
  process.env['NODE_ENV'] ??= 'production';
  // Ink asks for the terminal's width on stdout; off a terminal it has none, and Ink then spawns
  // `tput` (twice, up to 0.5 s each). Nothing is drawn there.
  if (process.stdout.isTTY !== true && process.stdout.columns === undefined) process.stdout.columns = 80;
  // A reader that stops early (`rommer dats | head -1`) closes the pipe: end quietly, as a program
  // killed by SIGPIPE does (128 + 13), instead of an unhandled EPIPE with its stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(141);
  });
}
