/**
 * Commander (inside pastel) ends the process with exit code 1 for an unknown flag or a missing
 * value, while rommer promises 2 for every usage error. Parsing is synchronous inside `run()`, so
 * an exit requested with code 1 while it runs is a usage error; help and version exit with 0.
 */
export async function asUsageExit(run: () => Promise<void>): Promise<void> {
  const realExit = process.exit.bind(process);
  let parsing = true;
  process.exit = ((code?: number | string | null) =>
    realExit(parsing && (code === 1 || code === '1') ? 2 : (code ?? undefined))) as typeof process.exit;
  try {
    await run();
  } finally {
    parsing = false;
    process.exit = realExit;
  }
}
