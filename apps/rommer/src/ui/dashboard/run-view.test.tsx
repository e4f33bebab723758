import type { UpdateEvent } from '@rommer/core';
import { Box } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEvent, createRunModel, type RunModel } from './progress-model.js';
import { RunView, type CancelState } from './run-view.js';
import { result } from './test-support/results.js';
import { sampleRows } from './test-support/rows.js';
import { ThemeProvider } from './theme.js';

afterEach(cleanup);

const T0 = 1_000_000;

/** Replays [ms after T0, event] pairs into a model, as the orchestrator would emit them. */
function replay(events: Array<[number, UpdateEvent]>): RunModel {
  let model = createRunModel(sampleRows(), ['opengood', 'tosec', 'redump'], { import: true, dryRun: false, force: false }, T0);
  for (const [at, event] of events) model = applyEvent(model, event, T0 + at);
  return model;
}

const midRun: Array<[number, UpdateEvent]> = [
  [0, { type: 'start', sources: ['opengood', 'tosec', 'redump'], dryRun: false, force: false, import: true }],
  [100, { type: 'progress', source: 'opengood', phase: 'checking', message: 'git ls-remote' }],
  [200, { type: 'progress', source: 'tosec', phase: 'checking' }],
  [1_000, { type: 'progress', source: 'tosec', phase: 'downloading', bytes: 0, totalBytes: 100_000_000, item: 'TOSEC - DAT Pack - Complete (2026-10-31).zip' }],
  [3_000, { type: 'progress', source: 'tosec', phase: 'downloading', bytes: 40_000_000 }],
  [3_100, { type: 'warning', source: 'tosec', message: 'the server does not resume downloads: starting again' }],
  [3_500, { type: 'result', source: 'opengood', result: result('opengood', 'updated', { previousVersion: 'a'.repeat(40), version: 'b'.repeat(40) }) }],
];

function frame(model: RunModel, { width = 100, cancel = 'none' as CancelState, logLines = 5, now = T0 + 3_500 } = {}): string {
  const { lastFrame } = render(
    <ThemeProvider colour={false}>
      <Box width={width}>
        <RunView model={model} now={now} width={width} cancel={cancel} logLines={logLines} />
      </Box>
    </ThemeProvider>,
  );
  return lastFrame() ?? '';
}

describe('RunView', () => {
  it('shows a row per source with phase, bar, figures, rate, ETA, the last warning and the queue', () => {
    const lines = frame(replay(midRun)).split('\n');
    expect(lines[0]).toBe('Updating 3 sources (then importing) · 1 done · 1 running · 1 queued · 0:04');
    expect(lines).toContain('✔ opengood  updated      aaaaaaa → bbbbbbb');
    const tosec = lines.find((line) => line.includes('tosec  '));
    // 40 of 100 MB in 2 s: 20 MB/s, 3 s to go; the bar is 40% full.
    expect(tosec).toMatch(/^. tosec     downloading  █{8,12}░{12,18} 40 MB \/ 100 MB {2}20 MB\/s {2}ETA 0:03 {2}TOSEC - DAT.*…$/);
    expect(lines).toContain('  ⚠ the server does not resume downloads: starting again');
    expect(lines).toContain('· redump    queued');
    expect(lines).toContain('⚠ tosec: the server does not resume downloads: starting again');
    expect(lines.at(-1)).toBe('ctrl-c cancel');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('shows a spinner and the message while a source has no figures', () => {
    const model = replay(midRun.slice(0, 2));
    const text = frame(model, { now: T0 + 200 });
    expect(text).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] opengood {2}checking {5}git ls-remote/);
  });

  it('lists failures in the log, keeps the log to the lines that fit, and asks before cancelling', () => {
    const model = replay([
      ...midRun,
      [4_000, { type: 'result', source: 'redump', result: result('redump', 'failed', { error: 'redump.info: login needed for this system' }) }],
    ]);
    const asking = frame(model, { cancel: 'asking', logLines: 1 });
    expect(asking).toContain('✖ redump    failed       redump.info: login needed for this system');
    expect(asking).toContain('\n✖ redump: redump.info: login needed for this system\n');
    expect(asking).not.toContain('⚠ tosec: the server');
    expect(asking).toContain('Cancel the update? Press ctrl-c again to cancel; the DATs already held stay as they are.');
    expect(frame(model, { cancel: 'cancelling' })).toContain('Cancelling: waiting for the sources to stop…');
  });

  it('says when the run is a dry run or forced', () => {
    const dry = applyEvent(replay([]), { type: 'start', sources: ['tosec'], dryRun: true, force: false, import: false }, T0);
    expect(frame(dry).split('\n')[0]).toMatch(/^Checking 1 source \(dry run\) · 0 done · 0 running · 1 queued/);
    const forced = applyEvent(replay([]), { type: 'start', sources: ['tosec'], dryRun: false, force: true, import: false }, T0);
    expect(frame(forced).split('\n')[0]).toMatch(/^Updating 1 source \(forced\)/);
  });

  it('degrades to one line per source below 80 columns, without the warning lines', () => {
    const lines = frame(replay(midRun), { width: 50 }).split('\n');
    expect(lines).toContain('✔ opengood updated bbbbbbb');
    expect(lines.some((line) => /^. tosec downloading 40%$/.test(line))).toBe(true);
    expect(lines).toContain('· redump queued');
    expect(lines.some((line) => line.startsWith('  ⚠'))).toBe(false);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(50);
  });
});
