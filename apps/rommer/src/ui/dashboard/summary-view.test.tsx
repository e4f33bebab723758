import { Box } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { SummaryView, type SummaryViewProps } from './summary-view.js';
import { result } from './test-support/results.js';
import { ThemeProvider } from './theme.js';

afterEach(cleanup);

const titles = new Map([
  ['opengood', 'OpenGood'],
  ['tosec', 'TOSEC'],
  ['fbneo', 'FBNeo'],
  ['redump', 'Redump'],
  ['mame', 'MAME'],
]);

const results = [
  result('opengood', 'updated', {
    previousVersion: 'a'.repeat(40),
    version: 'b'.repeat(40),
    files: 51,
    changedFiles: 3,
    imported: { dats: 3, games: 9_213, roms: 30_112 },
  }),
  result('tosec', 'updated', { version: '2026-10-31', files: 3_400, changedFiles: 3_400, warnings: ['bad name'] }),
  result('fbneo', 'up-to-date', { version: 'c'.repeat(40), previousVersion: 'c'.repeat(40) }),
  result('redump', 'failed', { error: 'redump.info: login needed for this system' }),
  result('mame', 'skipped', { error: 'cancelled' }),
];

function frame(overrides: Partial<SummaryViewProps> = {}): string {
  const props: SummaryViewProps = {
    results,
    durationMs: 42_000,
    titles,
    dryRun: false,
    stopped: null,
    width: 100,
    keys: true,
    ...overrides,
  };
  const { lastFrame } = render(
    <ThemeProvider colour={false}>
      <Box width={props.width}>
        <SummaryView {...props} />
      </Box>
    </ThemeProvider>,
  );
  return lastFrame() ?? '';
}

describe('SummaryView', () => {
  it('groups sources by outcome with versions, files, imports, reasons and the time taken', () => {
    expect(frame()).toBe(
      [
        'Update finished in 0:42 · 2 updated · 1 up to date · 1 failed · 1 skipped',
        '',
        'Updated',
        '✔ opengood  OpenGood  aaaaaaa → bbbbbbb · 3/51 files changed · imported 9,213 games, 30,112 ROMs',
        '✔ tosec     TOSEC     2026-10-31 · 3,400/3,400 files changed · 1 warning',
        '',
        'Up to date',
        '= fbneo     FBNeo     ccccccc',
        '',
        'Failed',
        '✖ redump    Redump    redump.info: login needed for this system',
        '',
        'Skipped',
        '– mame      MAME      cancelled',
        '',
        'w show 1 warning · enter or b back to the list · q quit',
      ].join('\n'),
    );
  });

  it('shows every warning and the whole failure messages under w, wrapped, at most MAX_DETAILS lines', () => {
    const long = `redump: ${'a very long reason '.repeat(8).trim()}`;
    const text = frame({
      width: 60,
      details: true,
      results: [
        result('redump', 'failed', { error: long }),
        result('tosec', 'updated', { version: '2026-10-31', warnings: Array.from({ length: 25 }, (_, i) => `tosec: warning ${i + 1}`) }),
      ],
    });
    const lines = text.split('\n');
    const at = lines.indexOf('Details');
    expect(at).toBeGreaterThan(0);
    // The failure's whole text, wrapped over lines of the width, without its doubled source prefix.
    expect(lines.slice(at + 1, at + 4).join(' ')).toContain('redump: a very long reason a very long reason');
    expect(text.replace(/\s+/g, ' ')).toContain(`redump: ${long.slice('redump: '.length)}`);
    expect(lines).toContain('tosec: warning 1');
    expect(lines).toContain('tosec: warning 19');
    expect(lines).not.toContain('tosec: warning 20');
    expect(lines).toContain('… and 6 more (rommer update --json lists them all)');
    expect(lines.at(-1)).toBe('w hide 25 warnings · enter or b back to the list · q quit');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('offers no w when there is nothing more to show', () => {
    const text = frame({ results: [result('fbneo', 'up-to-date', { version: 'c'.repeat(40) })] });
    expect(text.split('\n').at(-1)).toBe('enter or b back to the list · q quit');
  });

  it('says what a dry run would do and why a run stopped, without keys for `rommer update`', () => {
    const text = frame({
      dryRun: true,
      keys: false,
      stopped: 'cancelled',
      results: [result('tosec', 'would-update', { previousVersion: '2026-09-30', version: '2026-10-31', plannedBytes: 100_000_000 })],
    });
    expect(text).toBe(
      [
        'Dry run finished in 0:42 · 1 would update',
        'Stopped: cancelled',
        '',
        'Would update',
        '↻ tosec   TOSEC  2026-09-30 → 2026-10-31 · 100 MB to download',
      ].join('\n'),
    );
  });

  it('keeps to one short line per source below 80 columns', () => {
    const lines = frame({ width: 40 }).split('\n');
    expect(lines).toContain('✔ opengood aaaaaaa → bbbbbbb');
    expect(lines).toContain('✖ redump redump.info: login needed for …');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
  });
});
