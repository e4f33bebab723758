import { Text } from 'ink';
import { useTheme } from './theme.js';

/** A bar of `width` cells; filled and empty cells differ in shape, so it reads without colour. */
export function ProgressBar({ ratio, width }: { ratio: number; width: number }) {
  const theme = useTheme();
  const cells = Math.max(0, width);
  const filled = Math.round(Math.min(1, Math.max(0, ratio)) * cells);
  return (
    <Text>
      <Text color={theme.accent}>{'█'.repeat(filled)}</Text>
      <Text dimColor={theme.dim}>{'░'.repeat(cells - filled)}</Text>
    </Text>
  );
}
