import { option } from 'pastel';
import { z } from 'zod';

// How a command declares its flags for pastel, once: the zod schema gives pastel the flag, its
// help text and its value, and nothing checks them again by hand. (Outside commands/: pastel
// loads every file there as a command.)

interface FlagText {
  description: string;
  /** The value's name in help: `--config <file>`. */
  value: string;
  alias?: string;
}

/**
 * A flag that takes a value: `--config <file>`, absent → undefined. pastel writes `[file]` (the
 * value optional, so a bare `--config` arrives as `true`) for a ZodOptional; a pipe from an
 * optional string keeps the key optional for zod while commander requires the value, so a bare
 * `--config` is commander's one-line usage error.
 */
export function valueFlag<Out>(schema: z.ZodType<Out, unknown>, text: FlagText): z.ZodType<Out | undefined, string | undefined> {
  const fromText = schema.optional() as z.ZodType<Out | undefined, string | undefined>;
  return z
    .string()
    .optional()
    .pipe(fromText)
    .describe(option({ description: text.description, valueDescription: text.value, ...(text.alias ? { alias: text.alias } : {}) }));
}

/** A text value (`--dat <DAT>`); an empty one is refused. */
export function textFlag(text: FlagText) {
  return valueFlag(z.string().trim().min(1, { error: 'expected a value, got an empty one' }), text);
}

/** A whole number in a range (`--concurrency <n>`). */
export function wholeNumberFlag(name: string, range: { min: number; max?: number }, text: FlagText) {
  const expected = `--${name}: expected a whole number${range.max !== undefined ? ` from ${range.min} to ${range.max}` : ` of at least ${range.min}`}`;
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
 * array variadic, so the value stays optional in help (`[id...]`) and a transform would hide it.
 */
export function listFlag(text: FlagText) {
  return z
    .array(z.string().trim().min(1, { error: 'expected a value, got an empty one' }))
    .optional()
    .describe(option({ description: text.description, valueDescription: text.value }));
}

/** Where to read sources.conf and keep the data: accepted by every command. */
export const globalFlags = {
  config: textFlag({ description: 'Read this sources.conf instead of ~/.config/rommer/sources.conf (or $ROMMER_CONFIG)', value: 'file' }),
  dataDir: textFlag({ description: 'Keep DATs and the catalogue here instead of ~/.local/share/rommer (or $ROMMER_DATA_DIR)', value: 'dir' }),
};

export type GlobalFlags = { config?: string | undefined; dataDir?: string | undefined };
