import { Box, Text } from 'ink';
import { truncate } from './format.js';
import { useTheme } from './theme.js';

export interface ChangesViewProps {
  source: string;
  title: string;
  /** The change list as `rommer changes` prints it; null while it loads. */
  lines: readonly string[] | null;
  error: string | null;
  /** The first line shown. */
  scroll: number;
  width: number;
  height: number;
}

/** One source's change sets, newest first, opened from the summary; scrolls a window of lines. */
export function ChangesView({ source, title, lines, error, scroll, width, height }: ChangesViewProps) {
  const theme = useTheme();
  const room = Math.max(3, height - 4);
  const shown = lines?.slice(scroll, scroll + room) ?? [];
  const total = lines?.length ?? 0;
  return (
    <Box flexDirection="column">
      <Text bold={theme.bold} wrap="truncate">
        {truncate(`Changes · ${source}${title !== '' ? ` (${title})` : ''}`, width)}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {lines === null ? <Text dimColor={theme.dim}>Loading…</Text> : null}
        {error !== null ? <Text color={theme.bad}>{truncate(error, width)}</Text> : null}
        {shown.map((line, index) => (
          <Text key={scroll + index}>{truncate(line, width)}</Text>
        ))}
      </Box>
      <Box marginTop={1}>
        <Text dimColor={theme.dim}>
          {truncate(
            `${total > room ? `lines ${scroll + 1}–${Math.min(total, scroll + room)} of ${total} · ↑↓ pgup pgdn scroll · ` : ''}enter or b back to the summary · q quit`,
            width,
          )}
        </Text>
      </Box>
    </Box>
  );
}
