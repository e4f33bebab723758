import { Box, Text } from 'ink';
import type { SourceResult, SourceStatus } from '@rommer/core';
import { sourceChanges } from '../../services/change-text.js';
import { formatBytes, formatDuration, plural, truncate, withoutSourcePrefix } from './format.js';
import { versionChange } from './run-view.js';
import { WIDE_COLUMNS } from './terminal-size.js';
import { useTheme, type Theme } from './theme.js';

export interface SummaryViewProps {
  results: readonly SourceResult[];
  durationMs: number;
  /** Source titles by id. */
  titles: ReadonlyMap<string, string>;
  dryRun: boolean;
  /** Why the run stopped early (an error, a cancel), if it did. */
  stopped: string | null;
  width: number;
  /** The dashboard offers going back; `rommer update` ends on its own. */
  keys: boolean;
  /** The source whose change list `c` opens (dashboard only), when any source recorded changes. */
  changesOf?: string | null;
  /** How many sources recorded changes (more than one: ↑↓ picks). */
  changedSources?: number;
  /** Show every warning and the whole failure messages under the outcome lines (cut to the width there). */
  details?: boolean;
}

/** Detail lines shown at most; the JSON summary (`--json`) carries all of them. */
export const MAX_DETAILS = 20;

const groups: Array<{ status: SourceStatus; heading: string }> = [
  { status: 'updated', heading: 'Updated' },
  { status: 'would-update', heading: 'Would update' },
  { status: 'up-to-date', heading: 'Up to date' },
  { status: 'failed', heading: 'Failed' },
  { status: 'skipped', heading: 'Skipped' },
];

/** The last view: every source by outcome, with versions, files and what was imported. */
export function SummaryView({ results, durationMs, titles, dryRun, stopped, width, keys, changesOf = null, changedSources = 0, details = false }: SummaryViewProps) {
  const theme = useTheme();
  const wide = width >= WIDE_COLUMNS;
  const idWidth = Math.min(12, Math.max(6, ...results.map((result) => result.id.length)) + 2);
  const titleWidth = Math.min(20, Math.max(5, ...results.map((result) => (titles.get(result.id) ?? '').length)) + 2);
  const counts = groups
    .map(({ status, heading }) => [results.filter((result) => result.status === status).length, heading] as const)
    .filter(([count]) => count > 0)
    .map(([count, heading]) => `${count} ${heading.toLowerCase()}`);
  const detailLines = detailsOf(results);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold={theme.bold}>
          {dryRun ? 'Dry run finished' : 'Update finished'} in {formatDuration(durationMs)}
        </Text>
        <Text dimColor={theme.dim}>{counts.length > 0 ? ` · ${counts.join(' · ')}` : ''}</Text>
      </Text>
      {stopped === null ? null : <Text color={theme.bad}>{truncate(`Stopped: ${stopped}`, width)}</Text>}
      {groups.map(({ status, heading }) => {
        const members = results.filter((result) => result.status === status);
        if (members.length === 0) return null;
        return (
          <Box key={status} flexDirection="column" marginTop={1}>
            <Text bold={theme.bold} color={headingColour(status, theme)}>
              {heading}
            </Text>
            {members.map((result) => (
              <ResultLine
                key={result.id}
                result={result}
                title={titles.get(result.id) ?? ''}
                wide={wide}
                width={width}
                idWidth={idWidth}
                titleWidth={titleWidth}
              />
            ))}
          </Box>
        );
      })}
      {results.length === 0 && stopped === null ? <Text>No source was updated.</Text> : null}
      {details && detailLines.length > 0 ? <Details lines={detailLines} /> : null}
      {keys ? (
        <Box marginTop={1}>
          <Text dimColor={theme.dim}>
            {truncate(
              [
                changesOf !== null ? `c changes of ${changesOf}` : null,
                changesOf !== null && changedSources > 1 ? '↑↓ another source' : null,
                detailLines.length > 0 ? `w ${details ? 'hide' : 'show'} ${detailsLabel(results)}` : null,
                'enter or b back to the list · q quit',
              ]
                .filter((part) => part !== null)
                .join(' · '),
              width,
            )}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}

interface DetailLine {
  source: string;
  text: string;
  failure: boolean;
}

/** Why each failed or skipped source stopped, then every warning, by source. */
function detailsOf(results: readonly SourceResult[]): DetailLine[] {
  return results.flatMap((result) => [
    ...(result.error !== null ? [{ source: result.id, text: withoutSourcePrefix(result.error, result.id), failure: result.status === 'failed' }] : []),
    ...result.warnings.map((warning) => ({ source: result.id, text: withoutSourcePrefix(warning, result.id), failure: false })),
  ]);
}

function detailsLabel(results: readonly SourceResult[]): string {
  const warnings = results.reduce((n, result) => n + result.warnings.length, 0);
  return warnings > 0 ? plural(warnings, 'warning') : 'details';
}

/** The whole texts, wrapped rather than cut: this is where a long message is read. */
function Details({ lines }: { lines: DetailLine[] }) {
  const theme = useTheme();
  const shown = lines.slice(0, MAX_DETAILS);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold={theme.bold}>Details</Text>
      {shown.map((line, i) => (
        <Text key={i} wrap="wrap">
          <Text dimColor={theme.dim}>{line.source}: </Text>
          <Text color={line.failure ? theme.bad : theme.warn}>{line.text}</Text>
        </Text>
      ))}
      {lines.length > shown.length ? (
        <Text dimColor={theme.dim}>… and {lines.length - shown.length} more (rommer update --json lists them all)</Text>
      ) : null}
    </Box>
  );
}

function headingColour(status: SourceStatus, theme: Theme): string | undefined {
  if (status === 'updated') return theme.ok;
  if (status === 'failed') return theme.bad;
  if (status === 'would-update') return theme.accent;
  return undefined;
}

const icons: Record<SourceStatus, string> = {
  updated: '✔',
  'would-update': '↻',
  'up-to-date': '=',
  failed: '✖',
  skipped: '–',
};

/** What happened to one source, most telling first (the line is cut at the width). */
export function outcomeParts(result: SourceResult): string[] {
  const warnings = result.warnings.length;
  const parts = mainParts(result);
  return warnings > 0 && result.status !== 'failed' ? [...parts, plural(warnings, 'warning')] : parts;
}

function mainParts(result: SourceResult): string[] {
  switch (result.status) {
    case 'failed':
    case 'skipped':
      return [withoutSourcePrefix(result.error ?? result.status, result.id)];
    case 'up-to-date':
      // `--import` on a current source can still record changes (DATs the catalogue lacked).
      return [versionChange(null, result.version), ...(result.changes.dats > 0 ? [sourceChanges(result.changes)] : [])];
    case 'would-update': {
      const size = result.plannedBytes ?? 0;
      return [
        versionChange(result.previousVersion, result.version),
        size > 0 ? `${formatBytes(size)} to download` : null,
      ].filter((part): part is string => part !== null);
    }
    case 'updated': {
      const { dats, games, roms } = result.imported;
      return [
        versionChange(result.previousVersion, result.version),
        `${result.changedFiles.toLocaleString('en-US')}/${plural(result.files, 'file')} changed`,
        dats > 0 ? `imported ${plural(games, 'game')}, ${plural(roms, 'ROM')}` : null,
        result.changes.dats > 0 ? sourceChanges(result.changes) : null,
      ].filter((part): part is string => part !== null);
    }
  }
}

function ResultLine(props: {
  result: SourceResult;
  title: string;
  wide: boolean;
  width: number;
  idWidth: number;
  titleWidth: number;
}) {
  const { result, title, wide, width, idWidth, titleWidth } = props;
  const theme = useTheme();
  const parts = outcomeParts(result);
  const head = wide
    ? `${icons[result.status]} ${result.id.padEnd(idWidth)}${truncate(title, titleWidth - 2).padEnd(titleWidth)}`
    : `${icons[result.status]} ${result.id} `;
  const body = wide ? parts.join(' · ') : (parts[0] ?? '');
  return (
    <Text>
      {head}
      <Text color={result.status === 'failed' ? theme.bad : undefined}>{truncate(body, width - head.length)}</Text>
    </Text>
  );
}
