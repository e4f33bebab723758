import { useApp } from 'ink';
import { useEffect } from 'react';
import { reportError } from '../services/output.js';

/**
 * Runs a non-interactive command service inside pastel's Ink app: the service prints its own
 * plain or JSON lines and returns the exit code; this component renders nothing.
 */
export function RunCommand({ run }: { run: () => Promise<number> }) {
  const { exit } = useApp();
  useEffect(() => {
    run().then(
      (code) => {
        process.exitCode = code;
        exit();
      },
      (error: unknown) => {
        process.exitCode = reportError(error);
        exit();
      },
    );
    // The command runs once per process.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}
