import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import type { Phase } from '@rommer/core';
import { formatBytes, formatDuration, shortItem, shortVersion, truncate, withoutSourcePrefix } from './format.js';
import {
  countPhases,
  etaOf,
  measureOf,
  rateOf,
  type LogLine,
  type RunModel,
  type SourceProgress,
} from './progress-model.js';
import { ProgressBar } from './progress-bar.js';
import { WIDE_COLUMNS } from './terminal-size.js';
import { useTheme, type Theme } from './theme.js';

/** Where a run stands with Ctrl-C: not pressed, pressed once (asking), pressed twice. */
export type CancelState = 'none' | 'asking' | 'cancelling';

export interface RunViewProps {
  model: RunModel;
  now: number;
  width: number;
  cancel: CancelState;
  /** How many log lines fit under the rows. */
  logLines: number;
}

/** The live view: one row per source (queued ones too), the log, and how to cancel. */
export function RunView({ model, now, width, cancel, logLines }: RunViewProps) {
  const theme = useTheme();
  const wide = width >= WIDE_COLUMNS;
  const idWidth = Math.min(12, Math.max(6, ...model.order.map((id) => id.length)) + 2);
  const counts = countPhases(model);
  const log = logLines > 0 ? model.log.slice(-logLines) : [];
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold={theme.bold}>{headline(model)}</Text>
        <Text dimColor={theme.dim}>
          {' · '}
          {counts.finished} done · {counts.running} running · {counts.queued} queued ·{' '}
          {formatDuration(now - model.startedAt)}
        </Text>
      </Text>
      <Text> </Text>
      {model.order.map((id) => {
        const source = model.sources[id];
        return source === undefined ? null : (
          <SourceRunRow key={id} source={source} now={now} width={width} wide={wide} idWidth={idWidth} />
        );
      })}
      {log.length > 0 ? <LogArea lines={log} width={width} /> : null}
      <Text> </Text>
      <CancelLine cancel={cancel} width={width} />
    </Box>
  );
}

function headline(model: RunModel): string {
  const n = model.order.length;
  const what = `${n} source${n === 1 ? '' : 's'}`;
  if (model.options.dryRun) return `Checking ${what} (dry run)`;
  const extras = [model.options.force ? 'forced' : null, model.options.import ? 'then importing' : null].filter(Boolean);
  return `Updating ${what}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

const phaseWords: Record<Phase, string> = {
  queued: 'queued',
  checking: 'checking',
  downloading: 'downloading',
  extracting: 'extracting',
  verifying: 'verifying',
  committing: 'committing',
  importing: 'importing',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
};

function SourceRunRow(props: { source: SourceProgress; now: number; width: number; wide: boolean; idWidth: number }) {
  const { source, now, width, wide, idWidth } = props;
  const theme = useTheme();
  const word = source.result === null ? phaseWords[source.phase] : outcomeWord(source);
  const head = `${source.id.padEnd(idWidth)}${word.padEnd(13)}`;
  const rest = Math.max(0, width - 2 - head.length);
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={2} flexShrink={0}>
          <StateIcon source={source} theme={theme} />
        </Box>
        <Text color={colourOf(source, theme)} dimColor={source.phase === 'queued' && theme.dim}>
          {wide ? head : truncate(`${source.id} ${word} ${shortDetail(source)}`.trimEnd(), width - 2)}
        </Text>
        {wide ? <Detail source={source} now={now} width={rest} /> : null}
      </Box>
      {wide && source.lastWarning !== null && source.result === null ? (
        <Text color={theme.warn}>{truncate(`  ⚠ ${withoutSourcePrefix(source.lastWarning, source.id)}`, width)}</Text>
      ) : null}
    </Box>
  );
}

function outcomeWord(source: SourceProgress): string {
  switch (source.result?.status) {
    case 'updated':
      return 'updated';
    case 'up-to-date':
      return 'up to date';
    case 'would-update':
      return 'would update';
    case 'failed':
      return 'failed';
    case 'skipped':
      return 'skipped';
    default:
      return phaseWords[source.phase];
  }
}

function colourOf(source: SourceProgress, theme: Theme): string | undefined {
  if (source.phase === 'failed') return theme.bad;
  if (source.phase === 'done') return theme.ok;
  return undefined;
}

function StateIcon({ source, theme }: { source: SourceProgress; theme: Theme }) {
  switch (source.phase) {
    case 'queued':
      return <Text dimColor={theme.dim}>·</Text>;
    case 'done':
      return <Text color={theme.ok}>✔</Text>;
    case 'failed':
      return <Text color={theme.bad}>✖</Text>;
    case 'skipped':
      return <Text dimColor={theme.dim}>–</Text>;
    default:
      return (
        <Text color={theme.accent}>
          <Spinner type="dots" />
        </Text>
      );
  }
}

/** After the phase: the outcome, a bar with figures, or what the source is doing. */
function Detail({ source, now, width }: { source: SourceProgress; now: number; width: number }) {
  const theme = useTheme();
  if (source.result !== null) {
    const { result } = source;
    const text =
      result.status === 'failed' || result.status === 'skipped'
        ? withoutSourcePrefix(result.error ?? '', result.id)
        : versionChange(result.previousVersion, result.version);
    return <Text color={result.status === 'failed' ? theme.bad : undefined}>{truncate(text, width)}</Text>;
  }
  const measure = measureOf(source);
  const note = source.item === undefined ? (source.message ?? '') : shortItem(source.item);
  if (measure === undefined) return <Text dimColor={theme.dim}>{truncate(note, width)}</Text>;
  const amount = (value: number) => (measure.unit === 'bytes' ? formatBytes(value) : value.toLocaleString('en-US'));
  const rate = rateOf(source, now);
  const eta = etaOf(source, now);
  const figures = [
    measure.total === undefined ? amount(measure.done) : `${amount(measure.done)} / ${amount(measure.total)}`,
    rate === undefined ? null : measure.unit === 'bytes' ? `${formatBytes(rate)}/s` : `${rate.toFixed(rate < 10 ? 1 : 0)}/s`,
    eta === undefined ? null : `ETA ${formatDuration(eta)}`,
  ]
    .filter((part): part is string => part !== null)
    .join('  ');
  const barWidth = measure.total === undefined ? 0 : Math.min(24, Math.max(0, width - figures.length - 3));
  const used = (barWidth > 0 ? barWidth + 1 : 0) + figures.length;
  const tail = note === '' ? '' : truncate(`  ${note}`, width - used);
  return (
    <Text>
      {barWidth >= 8 && measure.total !== undefined ? (
        <>
          <ProgressBar ratio={measure.total > 0 ? measure.done / measure.total : 0} width={barWidth} />{' '}
        </>
      ) : null}
      {truncate(figures, width)}
      <Text dimColor={theme.dim}>{tail}</Text>
    </Text>
  );
}

/** The narrow layout's one detail: a percentage, or the outcome's version. */
function shortDetail(source: SourceProgress): string {
  if (source.result !== null) {
    return source.result.status === 'failed' ? '' : shortVersion(source.result.version);
  }
  const measure = measureOf(source);
  if (measure?.total === undefined || measure.total <= 0) return '';
  return `${Math.floor((measure.done / measure.total) * 100)}%`;
}

export function versionChange(previous: string | null, current: string | null): string {
  if (previous === null || previous === current) return shortVersion(current);
  return `${shortVersion(previous)} → ${shortVersion(current)}`;
}

function LogArea({ lines, width }: { lines: LogLine[]; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" marginTop={1}>
      {lines.map((line, index) => {
        const icon = line.level === 'error' ? '✖' : '⚠';
        const text = `${icon} ${line.source === null ? '' : `${line.source}: `}${withoutSourcePrefix(line.message, line.source)}`;
        return (
          <Text key={index} color={line.level === 'error' ? theme.bad : theme.warn}>
            {truncate(text, width)}
          </Text>
        );
      })}
    </Box>
  );
}

function CancelLine({ cancel, width }: { cancel: CancelState; width: number }) {
  const theme = useTheme();
  switch (cancel) {
    case 'none':
      return <Text dimColor={theme.dim}>ctrl-c cancel</Text>;
    case 'asking':
      return (
        <Text color={theme.warn}>
          {truncate('Cancel the update? Press ctrl-c again to cancel; the DATs already held stay as they are.', width)}
        </Text>
      );
    case 'cancelling':
      return <Text color={theme.warn}>{truncate('Cancelling: waiting for the sources to stop…', width)}</Text>;
  }
}
