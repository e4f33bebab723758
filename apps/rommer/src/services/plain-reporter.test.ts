import type { SourceResult } from '@rommer/core';
import { describe, expect, it } from 'vitest';
import { createJsonReporter, summaryJson } from './json-reporter.js';
import { createPlainReporter, formatSummary } from './plain-reporter.js';

function result(id: string, status: SourceResult['status'], extra: Partial<SourceResult> = {}): SourceResult {
  return {
    id,
    status,
    version: 'v2',
    previousVersion: 'v1',
    files: 3,
    changedFiles: 1,
    transferredBytes: 2048,
    imported: { dats: 1, games: 1200, roms: 3400 },
    changes: { dats: 0, added: 0, removed: 0, renamed: 0, changed: 0 },
    error: null,
    warnings: [],
    durationMs: 5,
    ...extra,
  };
}

describe('plain reporter', () => {
  it('prints one line per phase change and result, then the design summary', () => {
    const lines: string[] = [];
    const report = createPlainReporter((line) => lines.push(line), { dryRun: false });
    report({ type: 'start', sources: ['opengood', 'tosec'], dryRun: false, force: false, import: true });
    report({ type: 'progress', source: 'opengood', phase: 'queued' });
    report({ type: 'progress', source: 'opengood', phase: 'downloading', bytes: 1 });
    report({ type: 'progress', source: 'opengood', phase: 'downloading', bytes: 2 });
    report({ type: 'warning', source: 'tosec', message: 'skipped a badly encoded name' });
    const results = [
      result('opengood', 'updated', { changes: { dats: 3, added: 41, removed: 2, renamed: 3, changed: 7 } }),
      result('tosec', 'failed', { error: 'connection timeout' }),
      result('redump', 'skipped', { error: 'not configured' }),
      result('mame', 'up-to-date', { previousVersion: 'v2' }),
    ];
    for (const r of results) report({ type: 'result', source: r.id, result: r });
    report({ type: 'summary', sources: results, durationMs: 1500 });
    expect(lines).toEqual([
      'rommer update: opengood, tosec',
      'opengood: downloading',
      'tosec: warning: skipped a badly encoded name',
      'opengood: updated from v1 to v2 (3 files, 1 changed, 2.05 kB transferred); imported 1 DAT (1,200 games, 3,400 roms)',
      'tosec: failed: connection timeout (the DATs held are unchanged)',
      'redump: skipped (not configured)',
      'mame: up to date (v2)',
      '',
      'Updated: opengood',
      'Up to date: mame',
      'Failed: tosec (connection timeout)',
      'Skipped: redump (not configured)',
      'Changes:',
      '  opengood  updated     3 DATs · +41 −2 ~7 ↻3 games',
      '  (the games: rommer changes --source opengood)',
      'Done in 1.5 s.',
    ]);
    expect(lines.join('\n')).not.toMatch(/\u001b\[/);
  });

  it('names the source once in a failure: a message that starts with it is not prefixed again', () => {
    const lines: string[] = [];
    const report = createPlainReporter((line) => lines.push(line), { dryRun: false });
    const failed = result('no-intro', 'failed', { error: 'no-intro: DAT-o-MATIC answered HTTP 403. Instead: --from-file PACK.zip' });
    report({ type: 'result', source: 'no-intro', result: failed });
    report({ type: 'summary', sources: [failed], durationMs: 0 });
    expect(lines[0]).toBe('no-intro: failed: DAT-o-MATIC answered HTTP 403. Instead: --from-file PACK.zip (the DATs held are unchanged)');
    expect(lines).toContain('Failed: no-intro (DAT-o-MATIC answered HTTP 403. Instead: --from-file PACK.zip)');
  });

  it('says what a dry run would do and shortens commit shas', () => {
    const sha = 'a'.repeat(40);
    expect(formatSummary([result('opengood', 'would-update', { version: sha })], 0)).toEqual([
      'Would update: opengood',
      'Done in 0.0 s.',
    ]);
    const lines: string[] = [];
    const report = createPlainReporter((line) => lines.push(line), { dryRun: true });
    const r = result('opengood', 'would-update', { version: sha, previousVersion: null, plannedBytes: 1_000_000 });
    report({ type: 'result', source: 'opengood', result: r });
    expect(lines).toEqual(['opengood: would download aaaaaaa (new, 1 MB to download)']);
  });
});

describe('a dry run that knows which items change', () => {
  const changes = Array.from({ length: 7 }, (_v, i) => ({ item: `System ${i}`, from: i === 0 ? null : `2026110${i}`, to: `2026112${i}` }));
  it('names the first few items, old → new, in the plain line and all of them in the JSON summary', () => {
    const lines: string[] = [];
    const report = createPlainReporter((line) => lines.push(line), { dryRun: true });
    report({ type: 'result', source: 'no-intro', result: result('no-intro', 'would-update', { upstreamChanges: changes }) });
    expect(lines).toEqual([
      'no-intro: would update from v1 to v2: System 0 (new) → 20261120, System 1 20261101 → 20261121, System 2 20261102 → 20261122, System 3 20261103 → 20261123, System 4 20261104 → 20261124, and 2 more',
    ]);
    expect(summaryJson([result('no-intro', 'would-update', { upstreamChanges: changes })], 1).sources[0]!.upstreamChanges).toEqual(changes);
    expect(summaryJson([result('no-intro', 'would-update')], 1).sources[0]).not.toHaveProperty('upstreamChanges');
  });
});

describe('JSON reporter', () => {
  it('thins progress, keeps phase changes, and ends with the summary shape', () => {
    const lines: string[] = [];
    let t = 0;
    const report = createJsonReporter((line) => lines.push(line), () => t);
    report({ type: 'progress', source: 'a', phase: 'downloading', bytes: 1 });
    t = 100;
    report({ type: 'progress', source: 'a', phase: 'downloading', bytes: 2 });
    report({ type: 'progress', source: 'a', phase: 'verifying' });
    t = 400;
    report({ type: 'progress', source: 'a', phase: 'verifying', items: 3 });
    const changes = { dats: 1, added: 2, removed: 0, renamed: 1, changed: 0 };
    report({ type: 'summary', sources: [result('a', 'updated', { changes })], durationMs: 9 });
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => p['phase'] ?? p['type'])).toEqual(['downloading', 'verifying', 'verifying', 'summary']);
    expect(parsed.at(-1)).toEqual(summaryJson([result('a', 'updated', { changes })], 9));
    expect(parsed.at(-1)).toMatchObject({
      type: 'summary',
      sources: [{ id: 'a', status: 'updated', version: 'v2', previousVersion: 'v1', files: 3, imported: { dats: 1, games: 1200, roms: 3400 }, changes, error: null }],
    });
  });
});
