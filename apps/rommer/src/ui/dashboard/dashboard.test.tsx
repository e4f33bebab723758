import { CancelledError, LockHeldError, type SourceResult, type UpdateEvent } from '@rommer/core';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dashboard, type StartSelection } from './dashboard.js';
import type { RunOptions } from './progress-model.js';
import { result } from './test-support/results.js';
import { sampleRows } from './test-support/rows.js';
import { deferred, eventually, keys, press } from './test-support/terminal.js';
import { ThemeProvider } from './theme.js';

afterEach(cleanup);

interface StartCall {
  selection: string[];
  options: RunOptions;
  emit: (event: UpdateEvent) => void;
  signal: AbortSignal;
  finish: ReturnType<typeof deferred<{ sources: SourceResult[]; durationMs: number }>>;
}

/** A start function the test drives: it records each call and lets the test emit events and finish. */
function scriptedStart(): { start: StartSelection; calls: StartCall[] } {
  const calls: StartCall[] = [];
  const start: StartSelection = (selection, options, emit, signal) => {
    const finish = deferred<{ sources: SourceResult[]; durationMs: number }>();
    calls.push({ selection, options, emit, signal, finish });
    return finish.promise;
  };
  return { start, calls };
}

function mount(start: StartSelection, loadChanges?: (source: string) => Promise<string[]>) {
  const onExit = vi.fn<(code: number) => void>();
  const app = render(
    <ThemeProvider colour={false}>
      <Dashboard
        rows={sampleRows()}
        initialOptions={{ import: false, dryRun: false, force: false }}
        start={start}
        onExit={onExit}
        {...(loadChanges !== undefined ? { loadChanges } : {})}
      />
    </ThemeProvider>,
  );
  const frame = () => app.lastFrame() ?? '';
  return { ...app, frame, onExit };
}

describe('Dashboard', () => {
  it('selects, runs with live rows, summarises, goes back to an updated list and quits with the run’s code', async () => {
    const { start, calls } = scriptedStart();
    const app = mount(start);
    expect(app.frame()).toContain('› [x] opengood');
    expect(app.frame()).toContain('  [x] tosec');
    expect(app.frame()).toContain('  [ ] redump');

    // Unselect tosec, select redump, turn on import, start.
    await press(app.stdin, 'j', keys.space, keys.down, keys.space, 'i');
    await eventually(() => expect(app.frame()).toContain('› [x] redump'));
    expect(app.frame()).toContain('  [ ] tosec');
    expect(app.frame()).toContain('[x] import after update (i)');
    await press(app.stdin, keys.enter);
    await eventually(() => expect(calls).toHaveLength(1));
    const run = calls[0]!;
    expect(run.selection).toEqual(['opengood', 'redump']);
    expect(run.options).toEqual({ import: true, dryRun: false, force: false });

    run.emit({ type: 'start', sources: ['opengood', 'redump'], dryRun: false, force: false, import: true });
    run.emit({ type: 'progress', source: 'opengood', phase: 'downloading', items: 3, totalItems: 51, item: 'Atari 2600.dat' });
    await eventually(() => {
      expect(app.frame()).toMatch(/Updating 2 sources \(then importing\) · 0 done · 1 running · 1 queued/);
      expect(app.frame()).toMatch(/opengood {2}downloading {2}.*3 \/ 51 {2}Atari 2600\.dat/);
      expect(app.frame()).toMatch(/· redump {4}queued/);
    });

    const opengood = result('opengood', 'updated', { previousVersion: 'a'.repeat(40), version: 'b'.repeat(40), files: 51, changedFiles: 51 });
    const redump = result('redump', 'skipped', { error: 'cancelled' });
    run.emit({ type: 'result', source: 'opengood', result: opengood });
    run.emit({ type: 'result', source: 'redump', result: redump });
    run.finish.resolve({ sources: [opengood, redump], durationMs: 2_000 });
    await eventually(() => expect(app.frame()).toContain('Update finished in 0:02 · 1 updated · 1 skipped'));
    expect(app.frame()).toContain('✔ opengood  OpenGood  aaaaaaa → bbbbbbb · 51/51 files changed');
    expect(app.frame()).toContain('enter or b back to the list · q quit');

    await press(app.stdin, 'b');
    await eventually(() => expect(app.frame()).toContain('  [x] opengood  OpenGood  bbbbbbb     just now'));
    // The choices made before the run are kept.
    expect(app.frame()).toContain('[x] redump');
    await press(app.stdin, 'q');
    await eventually(() => expect(app.onExit).toHaveBeenCalledWith(0));
  });

  it('asks on the first ctrl-c, cancels on the second, and ends with exit code 130', async () => {
    const { start, calls } = scriptedStart();
    const app = mount(start);
    await press(app.stdin, keys.enter);
    await eventually(() => expect(calls).toHaveLength(1));
    const run = calls[0]!;
    expect(run.selection).toEqual(['opengood', 'tosec']);

    await press(app.stdin, keys.ctrlC);
    await eventually(() => expect(app.frame()).toContain('Cancel the update? Press ctrl-c again'));
    expect(run.signal.aborted).toBe(false);
    await press(app.stdin, keys.ctrlC);
    await eventually(() => expect(app.frame()).toContain('Cancelling: waiting for the sources to stop…'));
    expect(run.signal.aborted).toBe(true);

    run.finish.reject(new CancelledError('update cancelled'));
    await eventually(() => expect(app.frame()).toContain('Stopped: update cancelled'));
    await press(app.stdin, keys.escape);
    await eventually(() => expect(app.onExit).toHaveBeenCalledWith(130));
  });

  it('will not start with nothing selected, and shows the keys on ?', async () => {
    const { start, calls } = scriptedStart();
    const app = mount(start);
    await press(app.stdin, 'n', keys.enter);
    await eventually(() => expect(app.frame()).toContain('Nothing selected: space selects the source under the cursor'));
    expect(calls).toHaveLength(0);
    await press(app.stdin, '?');
    await eventually(() => expect(app.frame()).toContain('  d         dry run: check only, write nothing'));
    await press(app.stdin, 'a', 'd', 'f');
    await eventually(() => expect(app.frame()).toContain('force on: dry run is off'));
    expect(app.frame()).toContain('3 of 3 selected');
    expect(app.frame()).toContain('[ ] dry run (d)   [x] force (f)');
  });

  it('shows why a run could not start and quits with that error’s exit code', async () => {
    const app = mount(() => Promise.reject(new LockHeldError('another rommer process (pid 4242) is updating this data folder')));
    await press(app.stdin, keys.enter);
    await eventually(() => expect(app.frame()).toContain('Stopped: another rommer process (pid 4242) is updating this data folder'));
    await press(app.stdin, 'q');
    await eventually(() => expect(app.onExit).toHaveBeenCalledWith(1));
  });

  it('opens a source’s change list from the summary (c), picks another source (↓) and goes back', async () => {
    const { start, calls } = scriptedStart();
    const asked: string[] = [];
    const loadChanges = (source: string) => {
      asked.push(source);
      return Promise.resolve([`${source} · Some DAT · 1 → 2 · +2 −1 ~0 ↻0`, '  + New game', '  + Other game', '  − Old game']);
    };
    const app = mount(start, loadChanges);
    await press(app.stdin, keys.enter);
    await eventually(() => expect(calls).toHaveLength(1));
    const changes = { dats: 1, added: 2, removed: 1, renamed: 0, changed: 0 };
    const opengood = result('opengood', 'updated', { version: 'v2', changes });
    const tosec = result('tosec', 'updated', { version: 'v3', changes: { ...changes, dats: 2 } });
    calls[0]!.finish.resolve({ sources: [opengood, tosec], durationMs: 1_000 });
    await eventually(() => expect(app.frame()).toContain('c changes of opengood · ↑↓ another source · enter or b back'));
    expect(app.frame()).toContain('1 DAT · +2 −1 ~0 ↻0 games');
    expect(app.frame()).toContain('2 DATs · +2 −1 ~0 ↻0 games');
    await press(app.stdin, keys.down);
    await eventually(() => expect(app.frame()).toContain('c changes of tosec'));
    await press(app.stdin, 'c');
    await eventually(() => expect(app.frame()).toContain('  − Old game'));
    expect(app.frame()).toContain('Changes · tosec (TOSEC)');
    expect(asked).toEqual(['tosec']);
    await press(app.stdin, 'b');
    await eventually(() => expect(app.frame()).toContain('Update finished in 0:01'));
    await press(app.stdin, 'q');
    await eventually(() => expect(app.onExit).toHaveBeenCalledWith(0));
  });

  it('shows the summary’s warnings under w and hides them again', async () => {
    const { start, calls } = scriptedStart();
    const app = mount(start);
    await press(app.stdin, keys.enter);
    await eventually(() => expect(calls).toHaveLength(1));
    const opengood = result('opengood', 'updated', { version: 'v2', warnings: ['opengood: Foo.dat: line 3: a doubled quote was read as one'] });
    calls[0]!.finish.resolve({ sources: [opengood], durationMs: 1_000 });
    await eventually(() => expect(app.frame()).toContain('w show 1 warning · enter or b back'));
    expect(app.frame()).not.toContain('a doubled quote');
    await press(app.stdin, 'w');
    await eventually(() => expect(app.frame()).toContain('opengood: Foo.dat: line 3: a doubled quote was read as one'));
    expect(app.frame()).toContain('w hide 1 warning');
    await press(app.stdin, 'w');
    await eventually(() => expect(app.frame()).not.toContain('a doubled quote'));
    await press(app.stdin, 'q');
    await eventually(() => expect(app.onExit).toHaveBeenCalledWith(0));
  });
});
