import { Box, Text } from 'ink';
import type { SourceRow } from '../../services/source-rows.js';
import { formatAge, shortVersion, truncate } from './format.js';
import type { RunOptions } from './progress-model.js';
import { WIDE_COLUMNS } from './terminal-size.js';
import { useTheme } from './theme.js';

export interface SourceListProps {
  rows: readonly SourceRow[];
  /** Index of the row the cursor is on. */
  cursor: number;
  selected: ReadonlySet<string>;
  options: RunOptions;
  width: number;
  now: number;
  showKeys: boolean;
  /** One line under the list: why Enter did nothing, what just changed. */
  notice: string | null;
}

/** The first view: every source, what is held, and the choices before a run. */
export function SourceList({ rows, cursor, selected, options, width, now, showKeys, notice }: SourceListProps) {
  const theme = useTheme();
  const wide = width >= WIDE_COLUMNS;
  const idWidth = Math.min(12, Math.max(...rows.map((row) => row.id.length), 6) + 2);
  const titleWidth = Math.min(22, Math.max(...rows.map((row) => row.title.length), 5) + 2);
  const count = rows.filter((row) => selected.has(row.id)).length;
  return (
    <Box flexDirection="column">
      <Text bold={theme.bold}>
        rommer <Text dimColor={theme.dim}>· choose the sources to update</Text>
      </Text>
      <Text> </Text>
      {wide ? (
        <Text dimColor={theme.dim}>
          {'      ' + 'SOURCE'.padEnd(idWidth) + 'TITLE'.padEnd(titleWidth) + 'HELD'.padEnd(12) + 'UPDATED'.padEnd(14) + 'DOWNLOADS'}
        </Text>
      ) : null}
      {rows.map((row, index) => (
        <SourceLine
          key={row.id}
          row={row}
          here={index === cursor}
          on={selected.has(row.id)}
          wide={wide}
          width={width}
          idWidth={idWidth}
          titleWidth={titleWidth}
          now={now}
        />
      ))}
      <Text> </Text>
      <OptionsLine options={options} wide={wide} />
      <Text> </Text>
      {notice === null ? null : <Text color={theme.warn}>{notice}</Text>}
      <Text dimColor={theme.dim}>
        {truncate(
          `${count} of ${rows.length} selected · enter start · space toggle · a all · n none · q quit · ? keys`,
          width,
        )}
      </Text>
      {showKeys ? <KeyHelp /> : null}
    </Box>
  );
}

function noteOf(row: SourceRow): string | null {
  if (row.needsCredentials) return 'needs an account for full coverage';
  return null;
}

function SourceLine(props: {
  row: SourceRow;
  here: boolean;
  on: boolean;
  wide: boolean;
  width: number;
  idWidth: number;
  titleWidth: number;
  now: number;
}) {
  const { row, here, on, wide, width, idWidth, titleWidth, now } = props;
  const theme = useTheme();
  const pointer = here ? '› ' : '  ';
  const box = on ? '[x] ' : '[ ] ';
  const held = shortVersion(row.heldVersion);
  if (!wide) {
    const text = `${pointer}${box}${row.id.padEnd(idWidth)}${row.heldVersion === null ? 'never updated' : held}`;
    return (
      <Text color={here ? theme.accent : undefined} wrap="truncate">
        {truncate(text, width)}
      </Text>
    );
  }
  const age = row.lastUpdated === null ? 'never' : formatAge(row.lastUpdated, now);
  const fixed = 6 + idWidth + titleWidth + 12 + 14;
  const note = noteOf(row);
  const rest = Math.max(0, width - fixed);
  // The note comes first: when the line is cut, what matters survives.
  const lead = note === null ? '' : truncate(note, rest);
  const tail = note === null ? row.downloads : ` · ${row.downloads}`;
  return (
    <Box>
      <Text color={here ? theme.accent : undefined} bold={here && theme.bold}>
        {pointer}
        {box}
        {row.id.padEnd(idWidth)}
      </Text>
      <Text>
        {truncate(row.title, titleWidth - 2).padEnd(titleWidth)}
        {truncate(held, 10).padEnd(12)}
        {age.padEnd(14)}
      </Text>
      <Text>
        <Text color={theme.warn}>{lead}</Text>
        <Text dimColor={theme.dim}>{truncate(tail, rest - lead.length)}</Text>
      </Text>
    </Box>
  );
}

function OptionsLine({ options, wide }: { options: RunOptions; wide: boolean }) {
  const theme = useTheme();
  const mark = (on: boolean) => (on ? '[x]' : '[ ]');
  const items: Array<[string, boolean, string]> = [
    [wide ? 'import after update' : 'import', options.import, 'i'],
    ['dry run', options.dryRun, 'd'],
    ['force', options.force, 'f'],
  ];
  return (
    <Text wrap="truncate">
      {wide ? 'Options  ' : ''}
      {items.map(([label, on, key]) => (
        <Text key={key}>
          <Text color={on ? theme.ok : undefined}>{mark(on)}</Text> {label} <Text dimColor={theme.dim}>({key})</Text>
          {'   '}
        </Text>
      ))}
    </Text>
  );
}

const keys: Array<[string, string]> = [
  ['↑ ↓  j k', 'move'],
  ['space', 'select or unselect the source'],
  ['a  n', 'select all, none'],
  ['i', 'import into the catalogue after updating'],
  ['d', 'dry run: check only, write nothing'],
  ['f', 'force: download again even when current'],
  ['enter', 'start'],
  ['s', 'scan a folder of ROMs ([scan] paths in sources.conf)'],
  ['q  esc', 'quit'],
  ['?', 'hide these keys'],
];

function KeyHelp() {
  const theme = useTheme();
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold={theme.bold}>Keys</Text>
      {keys.map(([key, what]) => (
        <Text key={key}>
          {'  '}
          <Text color={theme.accent}>{key.padEnd(10)}</Text>
          {what}
        </Text>
      ))}
    </Box>
  );
}
