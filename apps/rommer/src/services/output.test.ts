import { afterEach, describe, expect, it, vi } from 'vitest';
import { RommerError } from '@rommer/core';
import { printLine, reportError } from './output.js';

afterEach(() => vi.restoreAllMocks());

function captured(stream: NodeJS.WriteStream): string[] {
  const writes: string[] = [];
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  return writes;
}

describe('printLine and reportError: what reaches the terminal', () => {
  it('escapes terminal control sequences from DAT fields and archive names', () => {
    const out = captured(process.stdout);
    printLine('dat  Evil\u001b]0;owned\u0007\u001b[2J name\u0000.dat');
    expect(out).toEqual(['dat  Evil\\x1b]0;owned\\x07\\x1b[2J name\\x00.dat\n']);
  });

  it('keeps the newlines of pretty JSON, and redacts URL credentials', () => {
    const out = captured(process.stdout);
    printLine(JSON.stringify({ url: 'http://user:pass@127.0.0.1/x' }, null, 2));
    expect(out).toEqual(['{\n  "url": "http://user:***@127.0.0.1/x"\n}\n']);
  });

  it('prints an error on one line: no escapes, no credentials', () => {
    const err = captured(process.stderr);
    const code = reportError(new RommerError('dat-format', 'bad.dat, line 3: invalid tag "<\u001b[31m" at http://u:secret@h/p\nsecond'));
    expect(code).toBe(1);
    expect(err).toEqual(['rommer: bad.dat, line 3: invalid tag "<\\x1b[31m" at http://u:***@h/p\\nsecond\n']);
  });
});
