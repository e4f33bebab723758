import { z } from 'zod';

// How a command declares its flags for pastel, once: the zod schema gives pastel the flag, its
// help text and its value, and nothing checks them again by hand. (Outside commands/: pastel
// loads every file there as a command.)

/**
 * pastel's `option()`: the marker pastel reads back from a schema's description. pastel's only
 * entry point loads commander, Ink and React, which `rommer update` must not wait for (cli.ts
 * runs it without pastel), so the marker is written here; flags.test.ts holds it equal to pastel's.
 */
export function option(config: { description: string; valueDescription?: string; alias?: string }): string {
  return `__pastel_option_config__${JSON.stringify(config)}`;
}

interface FlagText {
  description: string;
  /** The value's name in help: `--config <file>`. */
  value: string;
  alias?: string;
}

/**
 * A flag value its schema refused. pastel prints a refused option as `✘ message` on stdout and
 * exits 1, with no hook to change that, so each value flag catches its own refusal into this
 * marker and `runCommand` reports it as rommer's one-line usage error on stderr (exit 2).
 */
export class RefusedFlag {
  constructor(
    /** The value's name in help (`n` of `--concurrency <n>`). */
    readonly value: string,
    /** What the flag expects: `a whole number from 1 to 16`. */
    readonly expected: string,
    readonly input: unknown,
  ) {}
}

/** A command's flags once `runCommand` has refused any that hold a `RefusedFlag`. */
export type Accepted<F> = { [K in keyof F]: AcceptedValue<F[K]> };
type AcceptedValue<V> = V extends readonly (infer E)[] ? Exclude<E, RefusedFlag>[] : Exclude<V, RefusedFlag>;

/** The first refused flag, by its key (a list flag's refused element counts). */
export function findRefusedFlag(flags: object): { key: string; refused: RefusedFlag } | undefined {
  for (const [key, value] of Object.entries(flags)) {
    const refused = (Array.isArray(value) ? value : [value]).find((v): v is RefusedFlag => v instanceof RefusedFlag);
    if (refused !== undefined) return { key, refused };
  }
  return undefined;
}

function refusal(value: string) {
  return (ctx: { error: { issues: readonly { message: string }[] }; input: unknown }) =>
    new RefusedFlag(value, ctx.error.issues[0]?.message ?? 'a different value', ctx.input);
}

/**
 * A flag that takes a value: `--config <file>`, absent → undefined. pastel writes `[file]` (the
 * value optional, so a bare `--config` arrives as `true`) for a ZodOptional; a pipe from an
 * optional string keeps the key optional for zod while commander requires the value, so a bare
 * `--config` is commander's one-line usage error. A value the schema refuses is a `RefusedFlag`.
 */
export function valueFlag<Out>(schema: z.ZodType<Out, unknown>, text: FlagText): z.ZodType<Out | undefined | RefusedFlag, string | undefined> {
  const fromText = schema.optional() as z.ZodType<Out | undefined, string | undefined>;
  return z
    .string({ error: 'a value' })
    .optional()
    .pipe(fromText)
    .transform((value): Out | undefined | RefusedFlag => value)
    .catch(refusal(text.value))
    .describe(option({ description: text.description, valueDescription: text.value, ...(text.alias ? { alias: text.alias } : {}) }));
}

const nonEmptyText = z.string().trim().min(1, { error: 'a value that is not empty' });

/** A text value (`--dat <DAT>`); an empty one is refused. */
export function textFlag(text: FlagText) {
  return valueFlag(nonEmptyText, text);
}

/** A whole number in a range (`--concurrency <n>`). */
export function wholeNumberFlag(range: { min: number; max?: number }, text: FlagText) {
  const expected = `a whole number${range.max !== undefined ? ` from ${range.min} to ${range.max}` : ` of at least ${range.min}`}`;
  let n = z.coerce.number({ error: expected }).int({ error: expected }).min(range.min, { error: expected });
  if (range.max !== undefined) n = n.max(range.max, { error: expected });
  return valueFlag(n, text);
}

/** An on/off flag, off unless given. */
export function switchFlag(description: string, alias?: string) {
  return z.boolean().default(false).describe(alias === undefined ? description : option({ description, alias }));
}

/**
 * A repeatable flag (`--source a b`, `--source a --source b`). pastel makes only a bare optional
 * array variadic, so the value stays optional in help (`[id...]`) and a transform would hide it:
 * each element catches its own refusal, but a bare `--source` (commander's `true`, not an array)
 * is refused by pastel itself (see ARCHITECTURE.md).
 */
export function listFlag(text: FlagText) {
  const element = nonEmptyText.transform((value): string | RefusedFlag => value).catch(refusal(text.value));
  return z.array(element).optional().describe(option({ description: text.description, valueDescription: text.value }));
}

/** Where to read sources.conf and keep the data: accepted by every command. */
export const globalFlags = {
  config: textFlag({ description: 'Read this sources.conf instead of ~/.config/rommer/sources.conf (or $ROMMER_CONFIG)', value: 'file' }),
  dataDir: textFlag({ description: 'Keep DATs and the catalogue here instead of ~/.local/share/rommer (or $ROMMER_DATA_DIR)', value: 'dir' }),
};

export type GlobalFlags = { config?: string | undefined; dataDir?: string | undefined };
