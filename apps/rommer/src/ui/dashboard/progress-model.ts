import type { Phase, SourceResult, UpdateEvent } from '@rommer/core';

/**
 * The live state of one run, folded from the orchestrator's UpdateEvents. Plain data and pure
 * functions: the views render it, tests build it from hand-made event sequences, and nothing here
 * knows about React or the terminal. Times are passed in (`now`, in ms) so tests control them.
 */

/** One reading of work done, for the rate: (when, how much). */
interface Sample {
  at: number;
  done: number;
}

export interface SourceProgress {
  id: string;
  title: string;
  phase: Phase;
  bytes?: number | undefined;
  totalBytes?: number | undefined;
  items?: number | undefined;
  totalItems?: number | undefined;
  item?: string | undefined;
  message?: string | undefined;
  lastWarning: string | null;
  /** When the source left the queue. */
  startedAt: number | null;
  /** Recent readings of the measure in use, newest last (see RATE_WINDOW_MS). */
  samples: Sample[];
  result: SourceResult | null;
}

export interface LogLine {
  level: 'warning' | 'error';
  source: string | null;
  message: string;
}

export interface RunOptions {
  import: boolean;
  dryRun: boolean;
  force: boolean;
}

export interface RunModel {
  /** Source ids in display order. */
  order: string[];
  sources: Readonly<Record<string, SourceProgress>>;
  log: LogLine[];
  startedAt: number;
  options: RunOptions;
  /** Set by the summary event, or by `finishRun` when the run ends without one. */
  summary: { sources: SourceResult[]; durationMs: number } | null;
}

/** The rate is measured over the last few seconds so that it follows the transfer, not its start. */
const RATE_WINDOW_MS = 5_000;
/** The log keeps its newest lines; the view shows as many as fit. */
const LOG_LIMIT = 200;

export function createRunModel(
  sources: ReadonlyArray<{ id: string; title: string }>,
  selection: readonly string[],
  options: RunOptions,
  now: number,
): RunModel {
  const titles = new Map(sources.map((source) => [source.id, source.title]));
  const entries = selection.map((id): [string, SourceProgress] => [id, queuedSource(id, titles.get(id) ?? id)]);
  return { order: [...selection], sources: Object.fromEntries(entries), log: [], startedAt: now, options, summary: null };
}

function queuedSource(id: string, title: string): SourceProgress {
  return { id, title, phase: 'queued', lastWarning: null, startedAt: null, samples: [], result: null };
}

const finalPhase: Record<SourceResult['status'], Phase> = {
  updated: 'done',
  'up-to-date': 'done',
  'would-update': 'done',
  failed: 'failed',
  skipped: 'skipped',
};

/** Folds one event into the model, returning a new model (the old one is left as it was). */
export function applyEvent(model: RunModel, event: UpdateEvent, now: number): RunModel {
  switch (event.type) {
    case 'start': {
      // The orchestrator resolves the selection (enabled sources, order): its list wins.
      const sources = Object.fromEntries(
        event.sources.map((id) => [id, model.sources[id] ?? queuedSource(id, id)] as const),
      );
      return {
        ...model,
        order: [...event.sources],
        sources,
        options: { import: event.import, dryRun: event.dryRun, force: event.force },
      };
    }
    case 'progress': {
      const { type: _type, source: id, ...update } = event;
      const current = sourceOf(model, id);
      return withSource(model, advance(current, update, now));
    }
    case 'warning': {
      const current = sourceOf(model, event.source);
      return {
        ...withSource(model, { ...current, lastWarning: event.message }),
        log: appendLog(model.log, { level: 'warning', source: event.source, message: event.message }),
      };
    }
    case 'result': {
      const current = sourceOf(model, event.source);
      const { result } = event;
      const next = withSource(model, { ...current, phase: finalPhase[result.status], result, samples: [] });
      if (result.status !== 'failed' || result.error === null) return next;
      return { ...next, log: appendLog(next.log, { level: 'error', source: event.source, message: result.error }) };
    }
    case 'summary':
      return { ...model, summary: { sources: event.sources, durationMs: event.durationMs } };
  }
}

/** Ends a run whose promise settled without a summary event (an error, a cancel). */
export function finishRun(model: RunModel, now: number, error?: string): RunModel {
  const log = error === undefined ? model.log : appendLog(model.log, { level: 'error', source: null, message: error });
  if (model.summary !== null) return { ...model, log };
  const sources = model.order.flatMap((id) => {
    const result = model.sources[id]?.result;
    return result === null || result === undefined ? [] : [result];
  });
  return { ...model, log, summary: { sources, durationMs: now - model.startedAt } };
}

function sourceOf(model: RunModel, id: string): SourceProgress {
  return model.sources[id] ?? queuedSource(id, id);
}

function withSource(model: RunModel, source: SourceProgress): RunModel {
  const order = model.order.includes(source.id) ? model.order : [...model.order, source.id];
  return { ...model, order, sources: { ...model.sources, [source.id]: source } };
}

function appendLog(log: LogLine[], line: LogLine): LogLine[] {
  const next = [...log, line];
  return next.length > LOG_LIMIT ? next.slice(next.length - LOG_LIMIT) : next;
}

type Update = Omit<Extract<UpdateEvent, { type: 'progress' }>, 'type' | 'source'>;

function advance(current: SourceProgress, update: Update, now: number): SourceProgress {
  const samePhase = update.phase === current.phase;
  // A new phase starts its own figures; within a phase, fields not repeated are kept.
  const base: SourceProgress = samePhase
    ? current
    : {
        ...current,
        bytes: undefined,
        totalBytes: undefined,
        items: undefined,
        totalItems: undefined,
        item: undefined,
        message: undefined,
        samples: [],
      };
  const next: SourceProgress = {
    ...base,
    phase: update.phase,
    startedAt: current.startedAt ?? (update.phase === 'queued' ? null : now),
  };
  for (const key of ['bytes', 'totalBytes', 'items', 'totalItems', 'item', 'message'] as const) {
    if (update[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = update[key];
  }
  const measure = measureOf(next);
  const previous = measureOf(base);
  if (measure === undefined) return { ...next, samples: [] };
  // Switching between bytes and items, or a count going backwards (a new file), restarts the rate.
  const restart = previous === undefined || previous.unit !== measure.unit || measure.done < previous.done;
  const kept = restart ? [] : base.samples.filter((sample) => now - sample.at <= RATE_WINDOW_MS);
  return { ...next, samples: [...kept, { at: now, done: measure.done }] };
}

export interface Measure {
  unit: 'bytes' | 'items';
  done: number;
  total: number | undefined;
}

/** What the source is counting now: bytes when it reports them, else items. */
export function measureOf(source: Pick<SourceProgress, 'bytes' | 'totalBytes' | 'items' | 'totalItems'>): Measure | undefined {
  if (source.bytes !== undefined) return { unit: 'bytes', done: source.bytes, total: source.totalBytes };
  if (source.items !== undefined) return { unit: 'items', done: source.items, total: source.totalItems };
  return undefined;
}

/** Units per second over the recent window; undefined until there are two readings a moment apart. */
export function rateOf(source: SourceProgress, now: number): number | undefined {
  const recent = source.samples.filter((sample) => now - sample.at <= RATE_WINDOW_MS);
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (first === undefined || last === undefined || last.at - first.at < 250) return undefined;
  return ((last.done - first.done) * 1000) / (last.at - first.at);
}

/** Milliseconds left at the current rate, when the total and a positive rate are known. */
export function etaOf(source: SourceProgress, now: number): number | undefined {
  const measure = measureOf(source);
  const rate = rateOf(source, now);
  if (measure?.total === undefined || rate === undefined || rate <= 0) return undefined;
  return (Math.max(0, measure.total - measure.done) / rate) * 1000;
}

/** Counts for the header: how many sources are finished, running, waiting. */
export function countPhases(model: RunModel): { finished: number; running: number; queued: number } {
  let finished = 0;
  let running = 0;
  let queued = 0;
  for (const id of model.order) {
    const source = model.sources[id];
    if (source === undefined) continue;
    if (source.result !== null) finished += 1;
    else if (source.phase === 'queued') queued += 1;
    else running += 1;
  }
  return { finished, running, queued };
}

