import { CancelledError, type UpdateEvent } from '@rommer/core';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runLiveUpdate } from './render-app.js';
import { result } from './test-support/results.js';
import { sampleRows } from './test-support/rows.js';
import { fakeTerminal } from './test-support/streams.js';
import { eventually } from './test-support/terminal.js';

describe('runLiveUpdate', () => {
  it('shows the live rows, ends on the summary and resolves with the exit code, without raw mode', async () => {
    const terminal = fakeTerminal();
    const updated = result('opengood', 'updated', { previousVersion: 'a'.repeat(40), version: 'b'.repeat(40), files: 51, changedFiles: 2 });
    const failed = result('tosec', 'failed', { error: 'tosecdev.org: HTTP 503' });
    const code = await runLiveUpdate({
      rows: sampleRows(),
      selection: ['opengood', 'tosec'],
      io: terminal.io,
      start: async (emit: (event: UpdateEvent) => void) => {
        emit({ type: 'start', sources: ['opengood', 'tosec'], dryRun: false, force: false, import: false });
        emit({ type: 'progress', source: 'tosec', phase: 'downloading', bytes: 5_000_000, totalBytes: 10_000_000 });
        await delay(150);
        emit({ type: 'result', source: 'opengood', result: updated });
        emit({ type: 'result', source: 'tosec', result: failed });
        emit({ type: 'summary', sources: [updated, failed], durationMs: 1_500 });
        return { sources: [updated, failed], durationMs: 1_500 };
      },
    });
    expect(code).toBe(1);
    const text = terminal.text();
    expect(text).toMatch(/tosec {5}downloading {2}█+░+ 5 MB \/ 10 MB/);
    expect(text).toContain('Update finished in 0:02 · 1 updated · 1 failed');
    expect(text).toContain('✖ tosec     TOSEC     tosecdev.org: HTTP 503');
    expect(text).not.toContain('enter or b back to the list');
    expect(text).not.toContain('Raw mode is not supported');
  });

  it('turns SIGINT into ask-then-cancel when stdin is not a terminal, and resolves with 130', async () => {
    const terminal = fakeTerminal();
    const listeners = process.listenerCount('SIGINT');
    let aborted = false;
    const done = runLiveUpdate({
      rows: sampleRows(),
      selection: ['tosec'],
      io: terminal.io,
      start: (_emit, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new CancelledError('update cancelled'));
          });
        }),
    });
    await eventually(() => expect(terminal.text()).toContain('ctrl-c cancel'));
    process.emit('SIGINT', 'SIGINT');
    await eventually(() => expect(terminal.text()).toContain('Cancel the update? Press ctrl-c again'));
    expect(aborted).toBe(false);
    process.emit('SIGINT', 'SIGINT');
    expect(await done).toBe(130);
    expect(aborted).toBe(true);
    expect(terminal.text()).toContain('Stopped: update cancelled');
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('refuses a stdout that is not a terminal instead of writing cursor movement into it', async () => {
    const terminal = fakeTerminal();
    (terminal.io.stdout as { isTTY: boolean }).isTTY = false;
    let started = false;
    await expect(
      runLiveUpdate({
        rows: sampleRows(),
        selection: ['tosec'],
        io: terminal.io,
        start: () => {
          started = true;
          return Promise.resolve({ sources: [], durationMs: 0 });
        },
      }),
    ).rejects.toThrow('the dashboard needs a terminal on stdout');
    expect(started).toBe(false);
    expect(terminal.raw()).toBe('');
  });
});
