// The dashboard's scan view: pick one of the folders in sources.conf's [scan] paths, watch the
// scan (files, bytes, rate, ETA, the last files identified), then read have/missing per DAT.
// Its keys come through `keys` (the dashboard owns the one input handler).
import type { Key } from 'ink';
import { Box, Text } from 'ink';
import { useEffect, useReducer, useRef, type MutableRefObject } from 'react';
import type { ScanEvent, ScanProgress, ScanResult } from '@rommer/scan';
import { datLine, fileLine, progressText, totalsLine } from '../../services/scan-output.js';
import { useTheme } from './theme.js';

/** Runs one scan of `path`; the dashboard's caller opens the catalogue for it. */
export type StartScan = (path: string, onEvent: (event: ScanEvent) => void, signal: AbortSignal) => Promise<ScanResult>;

export type ScanKeyHandler = (input: string, key: Key) => void;

type Phase =
  | { name: 'pick' }
  | { name: 'run'; path: string; started: number; progress: ScanProgress | null; recent: string[]; warnings: number; stopping: boolean }
  | { name: 'done'; path: string; result: ScanResult | null; error: string | null; seconds: number };

interface State {
  cursor: number;
  phase: Phase;
  runs: number;
}

type Action =
  | { type: 'move'; by: number; count: number }
  | { type: 'start'; path: string; now: number }
  | { type: 'event'; event: ScanEvent }
  | { type: 'stopping' }
  | { type: 'ended'; result: ScanResult | null; error: string | null; now: number }
  | { type: 'again' };

const RECENT = 5;

export function reduceScanView(state: State, action: Action): State {
  const { phase } = state;
  switch (action.type) {
    case 'move':
      if (phase.name !== 'pick' || action.count === 0) return state;
      return { ...state, cursor: (state.cursor + action.by + action.count) % action.count };
    case 'start':
      return { ...state, runs: state.runs + 1, phase: { name: 'run', path: action.path, started: action.now, progress: null, recent: [], warnings: 0, stopping: false } };
    case 'event': {
      if (phase.name !== 'run') return state;
      const { event } = action;
      if (event.type === 'progress') return { ...state, phase: { ...phase, progress: event } };
      if (event.type === 'warning') return { ...state, phase: { ...phase, warnings: phase.warnings + 1, recent: [...phase.recent, `! ${event.message}`].slice(-RECENT) } };
      if (event.type === 'file') return { ...state, phase: { ...phase, recent: [...phase.recent, fileLine(event.file)].slice(-RECENT) } };
      return state;
    }
    case 'stopping':
      return phase.name === 'run' ? { ...state, phase: { ...phase, stopping: true } } : state;
    case 'ended':
      if (phase.name !== 'run') return state;
      return { ...state, phase: { name: 'done', path: phase.path, result: action.result, error: action.error, seconds: (action.now - phase.started) / 1000 } };
    case 'again':
      return { ...state, phase: { name: 'pick' } };
  }
}

export interface ScanViewProps {
  paths: string[];
  start: StartScan;
  width: number;
  /** Where the dashboard sends keys while this view is shown. */
  keys: MutableRefObject<ScanKeyHandler | null>;
  /** Back to the source list. */
  onClose: () => void;
}

export function ScanView({ paths, start, width, keys, onClose }: ScanViewProps) {
  const theme = useTheme();
  const [state, dispatch] = useReducer(reduceScanView, { cursor: 0, phase: { name: 'pick' }, runs: 0 });
  const controller = useRef<AbortController | null>(null);
  const { phase } = state;

  keys.current = (input, key) => {
    if (phase.name === 'run') {
      if (key.ctrl && input === 'c') {
        controller.current?.abort();
        dispatch({ type: 'stopping' });
      }
      return;
    }
    if (phase.name === 'done') {
      if (key.return || input === 'b') dispatch({ type: 'again' });
      else if (input === 'q' || key.escape) onClose();
      return;
    }
    if (key.upArrow || input === 'k') dispatch({ type: 'move', by: -1, count: paths.length });
    else if (key.downArrow || input === 'j') dispatch({ type: 'move', by: 1, count: paths.length });
    else if (key.return && paths.length > 0) dispatch({ type: 'start', path: paths[state.cursor]!, now: Date.now() });
    else if (input === 'b' || input === 'q' || key.escape || (key.ctrl && input === 'c')) onClose();
  };
  useEffect(() => () => void (keys.current = null), [keys]);

  // One scan per 'start': the run number keys the effect.
  const running = phase.name === 'run' ? phase.path : null;
  useEffect(() => {
    if (running === null) return;
    const abort = new AbortController();
    controller.current = abort;
    start(running, (event) => dispatch({ type: 'event', event }), abort.signal).then(
      (result) => dispatch({ type: 'ended', result, error: null, now: Date.now() }),
      (error: unknown) => dispatch({ type: 'ended', result: null, error: error instanceof Error ? error.message : String(error), now: Date.now() }),
    );
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.runs]);

  const clip = (text: string) => (text.length > width - 1 ? `${text.slice(0, Math.max(1, width - 2))}…` : text);

  if (phase.name === 'pick') {
    return (
      <Box flexDirection="column">
        <Text bold={theme.bold}>Scan a folder</Text>
        {paths.length === 0 ? (
          <Text>No folders to scan: add them to sources.conf as [scan] paths = ["~/roms"].</Text>
        ) : (
          paths.map((p, i) => (
            <Text key={p} color={i === state.cursor ? theme.accent : undefined}>
              {clip(`${i === state.cursor ? '›' : ' '} ${p}`)}
            </Text>
          ))
        )}
        <Text dimColor={theme.dim}>enter scan · ↑/↓ choose · b back</Text>
      </Box>
    );
  }
  if (phase.name === 'run') {
    return (
      <Box flexDirection="column">
        <Text bold={theme.bold}>{clip(`Scanning ${phase.path}${phase.stopping ? ' · stopping…' : ''}`)}</Text>
        <Text>{phase.progress === null ? 'walking…' : clip(progressText(phase.progress, Date.now() - phase.started))}</Text>
        {phase.recent.map((line, i) => (
          <Text key={`${i}-${line}`} color={line.startsWith('✔') ? theme.ok : line.startsWith('!') ? theme.warn : undefined}>
            {clip(line)}
          </Text>
        ))}
        <Text dimColor={theme.dim}>ctrl-c stop (what was hashed is kept)</Text>
      </Box>
    );
  }
  const { result } = phase;
  return (
    <Box flexDirection="column">
      <Text bold={theme.bold}>
        {clip(`Scan of ${phase.path} ${result?.status === 'cancelled' ? 'stopped' : phase.error !== null ? 'failed' : 'done'} in ${phase.seconds.toFixed(1)} s`)}
      </Text>
      {phase.error !== null ? <Text color={theme.bad}>{clip(`✘ ${phase.error}`)}</Text> : null}
      {result !== null ? <Text>{clip(totalsLine(result))}</Text> : null}
      {result !== null && result.dats.length === 0 ? <Text>No file matched a DAT in the catalogue.</Text> : null}
      {result?.dats.map((dat) => (
        <Text key={dat.path} color={dat.missing === 0 && dat.have === dat.total ? theme.ok : undefined}>
          {clip(datLine(dat))}
        </Text>
      ))}
      <Text dimColor={theme.dim}>enter scan again · q back to the sources · rommer report --missing lists the games</Text>
    </Box>
  );
}
