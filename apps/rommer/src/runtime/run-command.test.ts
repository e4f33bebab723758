import { describe, expect, it } from 'vitest';
import { runCommand, type CommandRun } from './run-command.js';

/** A command that waits for the signal, then returns `code` as if all its work had been committed. */
function waitsForSignal(code: number) {
  return (run: CommandRun) =>
    new Promise<number>((resolve) => {
      run.signal.addEventListener('abort', () => resolve(code));
      setImmediate(() => process.emit('SIGINT'));
    });
}

describe('runCommand and signals', () => {
  it('ends a signalled command with 130', async () => {
    expect(await runCommand({ flags: {}, run: waitsForSignal(0) }, {})).toBe(130);
  });

  it('keeps the code of a command whose exit code says what the signal stopped (update)', async () => {
    expect(await runCommand({ flags: {}, exitCodeTellsCancel: true, run: waitsForSignal(0) }, {})).toBe(0);
    expect(await runCommand({ flags: {}, exitCodeTellsCancel: true, run: waitsForSignal(130) }, {})).toBe(130);
  });
});
