import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  countPhases,
  createRunModel,
  etaOf,
  finishRun,
  rateOf,
  type RunModel,
} from './progress-model.js';
import { result } from './test-support/results.js';

const rows = [
  { id: 'opengood', title: 'OpenGood' },
  { id: 'tosec', title: 'TOSEC' },
  { id: 'fbneo', title: 'FBNeo' },
];
const options = { import: false, dryRun: false, force: false };

function model(): RunModel {
  return createRunModel(rows, ['opengood', 'tosec'], options, 1_000);
}

describe('the progress model', () => {
  it('starts with every selected source queued, titled from the rows', () => {
    const m = model();
    expect(m.order).toEqual(['opengood', 'tosec']);
    expect(m.sources['tosec']).toMatchObject({ title: 'TOSEC', phase: 'queued', startedAt: null, result: null });
    expect(countPhases(m)).toEqual({ finished: 0, running: 0, queued: 2 });
  });

  it('takes the order and options of the start event', () => {
    const m = applyEvent(
      model(),
      { type: 'start', sources: ['tosec', 'fbneo'], dryRun: true, force: false, import: true },
      1_000,
    );
    expect(m.order).toEqual(['tosec', 'fbneo']);
    expect(m.sources['tosec']?.title).toBe('TOSEC');
    expect(m.sources['opengood']).toBeUndefined();
    expect(m.options).toEqual({ import: true, dryRun: true, force: false });
  });

  it('keeps figures within a phase, clears them on a new phase, and measures rate and ETA', () => {
    let m = model();
    m = applyEvent(m, { type: 'progress', source: 'tosec', phase: 'checking', message: 'reading the downloads page' }, 2_000);
    expect(m.sources['tosec']).toMatchObject({ phase: 'checking', startedAt: 2_000, message: 'reading the downloads page' });
    expect(countPhases(m)).toEqual({ finished: 0, running: 1, queued: 1 });

    m = applyEvent(m, { type: 'progress', source: 'tosec', phase: 'downloading', bytes: 0, totalBytes: 10_000_000, item: 'TOSEC.zip' }, 3_000);
    expect(m.sources['tosec']?.message).toBeUndefined();
    m = applyEvent(m, { type: 'progress', source: 'tosec', phase: 'downloading', bytes: 2_000_000 }, 4_000);
    const tosec = m.sources['tosec']!;
    expect(tosec).toMatchObject({ bytes: 2_000_000, totalBytes: 10_000_000, item: 'TOSEC.zip' });
    expect(rateOf(tosec, 4_000)).toBe(2_000_000);
    expect(etaOf(tosec, 4_000)).toBe(4_000);

    // Importing counts items: the byte figures and the rate start again.
    m = applyEvent(m, { type: 'progress', source: 'tosec', phase: 'importing', items: 1, totalItems: 4 }, 5_000);
    expect(m.sources['tosec']).toMatchObject({ items: 1, totalItems: 4, bytes: undefined, totalBytes: undefined });
    expect(rateOf(m.sources['tosec']!, 5_000)).toBeUndefined();
    m = applyEvent(m, { type: 'progress', source: 'tosec', phase: 'importing', items: 3 }, 6_000);
    expect(rateOf(m.sources['tosec']!, 6_000)).toBe(2);
    expect(etaOf(m.sources['tosec']!, 6_000)).toBe(500);
  });

  it('follows the recent rate, not the average since the start', () => {
    let m = model();
    m = applyEvent(m, { type: 'progress', source: 'tosec', phase: 'downloading', bytes: 0, totalBytes: 100 }, 0);
    m = applyEvent(m, { type: 'progress', source: 'tosec', phase: 'downloading', bytes: 10 }, 1_000);
    m = applyEvent(m, { type: 'progress', source: 'tosec', phase: 'downloading', bytes: 20 }, 20_000);
    m = applyEvent(m, { type: 'progress', source: 'tosec', phase: 'downloading', bytes: 60 }, 22_000);
    expect(rateOf(m.sources['tosec']!, 22_000)).toBe(20);
    expect(etaOf(m.sources['tosec']!, 22_000)).toBe(2_000);
  });

  it('has no rate or ETA without a total or a second reading', () => {
    let m = model();
    m = applyEvent(m, { type: 'progress', source: 'opengood', phase: 'downloading', items: 5 }, 1_000);
    expect(rateOf(m.sources['opengood']!, 1_000)).toBeUndefined();
    m = applyEvent(m, { type: 'progress', source: 'opengood', phase: 'downloading', items: 9 }, 2_000);
    expect(rateOf(m.sources['opengood']!, 2_000)).toBe(4);
    expect(etaOf(m.sources['opengood']!, 2_000)).toBeUndefined();
  });

  it('keeps the last warning per source and logs warnings and failures', () => {
    let m = model();
    m = applyEvent(m, { type: 'warning', source: 'tosec', message: 'skipped a badly encoded name' }, 2_000);
    m = applyEvent(m, { type: 'warning', source: 'tosec', message: 'second warning' }, 2_100);
    m = applyEvent(m, { type: 'result', source: 'opengood', result: result('opengood', 'failed', { error: 'git clone failed: timeout' }) }, 3_000);
    expect(m.sources['tosec']?.lastWarning).toBe('second warning');
    expect(m.sources['opengood']?.phase).toBe('failed');
    expect(m.log).toEqual([
      { level: 'warning', source: 'tosec', message: 'skipped a badly encoded name' },
      { level: 'warning', source: 'tosec', message: 'second warning' },
      { level: 'error', source: 'opengood', message: 'git clone failed: timeout' },
    ]);
    expect(countPhases(m)).toEqual({ finished: 1, running: 0, queued: 1 });
  });

  it('ends with the summary event, or with the results it has when the run stops without one', () => {
    let m = model();
    const updated = result('opengood', 'updated');
    m = applyEvent(m, { type: 'result', source: 'opengood', result: updated }, 3_000);
    expect(m.sources['opengood']?.phase).toBe('done');
    const stopped = finishRun(m, 9_000, 'cancelled');
    expect(stopped.summary).toEqual({ sources: [updated], durationMs: 8_000 });
    expect(stopped.log.at(-1)).toEqual({ level: 'error', source: null, message: 'cancelled' });

    const done = applyEvent(m, { type: 'summary', sources: [updated], durationMs: 1_234 }, 4_000);
    expect(finishRun(done, 9_000).summary).toEqual({ sources: [updated], durationMs: 1_234 });
  });
});
