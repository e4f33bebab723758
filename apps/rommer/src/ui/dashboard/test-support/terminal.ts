import { setTimeout as delay } from 'node:timers/promises';

/** Key presses as a terminal sends them. */
export const keys = {
  up: '\u001B[A',
  down: '\u001B[B',
  enter: '\r',
  escape: '\u001B',
  space: ' ',
  ctrlC: '\u0003',
} as const;

/** Waits until `check` passes (it throws until then), or fails with the last frame after the deadline. */
export async function eventually(check: () => void, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await delay(20);
    }
  }
}

/** Writes keys one at a time with a pause, as a person (or tmux send-keys) would. */
export async function press(stdin: { write(data: string): void }, ...sequence: string[]): Promise<void> {
  for (const key of sequence) {
    stdin.write(key);
    await delay(40);
  }
}

/** A promise with its resolve and reject handed out, for runs the test finishes by hand. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
