import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';

/** A terminal-sized stdout that keeps what is written, and a stdin that is not a terminal. */
export function fakeTerminal(columns = 100, rows = 30) {
  const writes: string[] = [];
  const stdout = Object.assign(new EventEmitter(), {
    columns,
    rows,
    isTTY: true,
    write(chunk: string) {
      writes.push(chunk);
      return true;
    },
  });
  // No setRawMode: what Ink sees when stdin is a pipe or /dev/null.
  const stdin = Object.assign(new EventEmitter(), { isTTY: false });
  const stderr = Object.assign(new EventEmitter(), { write: () => true });
  return {
    io: {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: stderr as unknown as NodeJS.WriteStream,
    },
    /** Everything written, without escape sequences. */
    text: () => stripVTControlCharacters(writes.join('')),
    raw: () => writes.join(''),
  };
}
