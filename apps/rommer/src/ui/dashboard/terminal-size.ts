import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** Below this width each source gets one short line. */
export const WIDE_COLUMNS = 80;

/** Cursor home, then erase the screen. */
const CLEAR_SCREEN = '\u001B[H\u001B[2J';

function read(stdout: NodeJS.WriteStream): TerminalSize {
  return { columns: stdout.columns > 0 ? stdout.columns : 80, rows: stdout.rows > 0 ? stdout.rows : 24 };
}

/**
 * The terminal's size, kept current across resizes (Ink redraws, but the views need the numbers
 * to choose their layout). A terminal that narrows re-wraps the frame already drawn, so Ink's
 * erase of "the last N lines" would leave pieces of it above. So this listener runs before Ink's:
 * it clears the screen (only ever on a terminal) and updates the size, which re-renders the views
 * at once (Ink's legacy root renders synchronously), so Ink's own redraw draws the new layout.
 */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    let columns = read(stdout).columns;
    const onResize = () => {
      const now = read(stdout);
      if (now.columns < columns && stdout.isTTY === true) stdout.write(CLEAR_SCREEN);
      columns = now.columns;
      setSize(now);
    };
    stdout.prependListener('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
