import { Box } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceList, type SourceListProps } from './source-list.js';
import { NOW, sampleRows } from './test-support/rows.js';
import { ThemeProvider } from './theme.js';

afterEach(cleanup);

function props(overrides: Partial<SourceListProps> = {}): SourceListProps {
  return {
    rows: sampleRows(),
    cursor: 0,
    selected: new Set(['opengood', 'tosec']),
    options: { import: true, dryRun: false, force: false },
    width: 100,
    now: NOW,
    showKeys: false,
    notice: null,
    ...overrides,
  };
}

function frame(p: SourceListProps): string {
  const { lastFrame } = render(
    <ThemeProvider colour={false}>
      <Box width={p.width}>
        <SourceList {...p} />
      </Box>
    </ThemeProvider>,
  );
  return lastFrame() ?? '';
}

describe('SourceList', () => {
  it('shows each source with selection, cursor, held version, age, downloads and notes', () => {
    const lines = frame(props()).split('\n');
    expect(lines[0]).toBe('rommer · choose the sources to update');
    expect(lines).toContain(
      '      SOURCE    TITLE     HELD        UPDATED       DOWNLOADS',
    );
    expect(lines).toContain('› [x] opengood  OpenGood  3f2e1d0     2 days ago    git repository, 51 Logiqx DATs');
    expect(lines).toContain('  [x] tosec     TOSEC     —           never         release pack, ~100 MB zip');
    expect(lines).toContain(
      '  [ ] redump    Redump    —           never         needs an account for full coverage · one zipped…',
    );
    expect(lines).toContain('Options  [x] import after update (i)   [ ] dry run (d)   [ ] force (f)');
    expect(lines.at(-1)).toBe('2 of 3 selected · enter start · space toggle · a all · n none · q quit · ? keys');
  });

  it('moves the cursor, shows the notice and the keys when asked', () => {
    const text = frame(props({ cursor: 2, selected: new Set(), showKeys: true, notice: 'select at least one source' }));
    expect(text).toContain('› [ ] redump');
    expect(text).toContain('  [ ] opengood');
    expect(text).toContain('select at least one source');
    expect(text).toContain('0 of 3 selected');
    expect(text).toMatch(/Keys\n {2}↑ ↓ {2}j k {2}move\n {2}space {5}select or unselect the source/);
    expect(text).toContain('  q  esc    quit');
  });

  it('degrades to one short line per source below 80 columns', () => {
    const lines = frame(props({ width: 60 })).split('\n');
    expect(lines).toContain('› [x] opengood  3f2e1d0');
    expect(lines).toContain('  [x] tosec     never updated');
    expect(lines.some((line) => line.includes('DOWNLOADS'))).toBe(false);
    expect(lines).toContain('[x] import (i)   [ ] dry run (d)   [ ] force (f)');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('cuts long lines to the width instead of wrapping', () => {
    const lines = frame(props({ width: 80 })).split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines.find((line) => line.includes('redump'))).toMatch(/never {9}needs an account for full c…$/);
  });
});
