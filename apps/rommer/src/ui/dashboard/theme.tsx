import { createContext, useContext, type ReactNode } from 'react';

/**
 * Colours and emphasis for the views. Chalk (inside Ink) ignores NO_COLOR, so the views take
 * their styles from here and get none at all when colour is off: every state also has a symbol
 * or a word, so nothing is told by colour alone.
 */
export interface Theme {
  ok: string | undefined;
  bad: string | undefined;
  warn: string | undefined;
  accent: string | undefined;
  dim: boolean;
  bold: boolean;
}

const colourful: Theme = { ok: 'green', bad: 'red', warn: 'yellow', accent: 'cyan', dim: true, bold: true };
const plain: Theme = { ok: undefined, bad: undefined, warn: undefined, accent: undefined, dim: false, bold: false };

/** https://no-color.org: present and not empty means no colour. */
export function colourWanted(env: Record<string, string | undefined>): boolean {
  const value = env['NO_COLOR'];
  return value === undefined || value === '';
}

const ThemeContext = createContext<Theme>(colourful);

export function ThemeProvider({ colour, children }: { colour: boolean; children: ReactNode }) {
  return <ThemeContext.Provider value={colour ? colourful : plain}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
