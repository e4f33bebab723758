const predefined: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const reference = /&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_:][\w.:-]*);/g;

/** Entity references may expand to this many characters per DAT, plus AMPLIFICATION × the input read. */
export const ENTITY_ALLOWANCE = 10 * 1024 * 1024;
export const ENTITY_AMPLIFICATION = 5;
/** Entities defined through other entities, at most this deep (libxml2's default limit). */
export const MAX_ENTITY_DEPTH = 40;

/** An entity bomb: the parsers turn it into `<file>, line <n>: …`. */
export class EntityLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntityLimitError';
  }
}

/**
 * The general entities a DAT declared, with the bounds libxml2 keeps: a nesting depth, and a budget
 * of expanded characters that grows with the input (so a 4 KB file cannot expand to gigabytes).
 */
export class EntityTable {
  readonly #values = new Map<string, string>();
  readonly #depths = new Map<string, number>();
  #expanded = 0;
  /** Characters of input read so far; the scanner keeps it current. */
  inputChars = 0;

  get size(): number {
    return this.#values.size;
  }

  get(name: string): string | undefined {
    const value = this.#values.get(name);
    if (value !== undefined) this.charge(name, value.length);
    return value;
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  /** Declares `name` (the first declaration wins, as in XML); `raw` is its replacement text. */
  declare(name: string, raw: string): void {
    if (this.#values.has(name)) return;
    let depth = 1;
    for (const match of raw.matchAll(reference)) {
      const inner = this.#depths.get(match[1]!);
      if (inner !== undefined && inner + 1 > depth) depth = inner + 1;
    }
    if (depth > MAX_ENTITY_DEPTH) {
      throw new EntityLimitError(`entity "${name}" nests entities ${depth} deep (the limit is ${MAX_ENTITY_DEPTH}; an entity bomb?)`);
    }
    this.#depths.set(name, depth);
    this.#values.set(name, decodeEntities(raw, this));
  }

  /** Counts an expansion against the budget. */
  charge(name: string, chars: number): void {
    this.#expanded += chars;
    const allowed = ENTITY_ALLOWANCE + ENTITY_AMPLIFICATION * this.inputChars;
    if (this.#expanded > allowed) {
      throw new EntityLimitError(
        `entity "${name}" expands past the limit of ${Math.round(allowed / (1024 * 1024))} MiB of entity text (10 MiB + ${ENTITY_AMPLIFICATION}× the input; an entity bomb?)`,
      );
    }
  }
}

function fromCodePoint(code: number, original: string): string {
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : original;
}

/**
 * Expands entity and character references. Real DATs contain stray bare `&` ("Tom & Jerry") and
 * references the file never declares: both are kept literally instead of failing the file.
 * Declared entities count against the table's budget (EntityLimitError past it).
 */
export function decodeEntities(text: string, declared?: EntityTable): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(reference, (whole, ref: string) => {
    if (ref.charCodeAt(0) === 35 /* # */) {
      const hex = ref.charCodeAt(1) === 120 || ref.charCodeAt(1) === 88;
      return fromCodePoint(Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10), whole);
    }
    return predefined[ref] ?? declared?.get(ref) ?? whole;
  });
}

/**
 * General entities declared in a DOCTYPE's internal subset (`<!ENTITY name "value">`). Only the
 * replacement text is used; ATTLIST defaults are never applied (they are not data the file wrote).
 */
export function readEntityDeclarations(subset: string, into: EntityTable): void {
  const declaration = /<!ENTITY\s+([A-Za-z_:][\w.:-]*)\s+(["'])([\s\S]*?)\2\s*>/g;
  for (const match of subset.matchAll(declaration)) into.declare(match[1]!, match[3]!);
}

/**
 * Reads a start tag's attributes, handing each decoded name/value pair to `take`. Tolerates single
 * quotes, unquoted values and extra whitespace. Callers that keep a few known attributes (a rom's)
 * take them straight into their object, with no intermediate record per element.
 */
export function readAttributes(raw: string, take: (name: string, value: string) => void, declared?: EntityTable): void {
  const length = raw.length;
  let i = 0;
  while (i < length) {
    let c = raw.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < length && (c = raw.charCodeAt(i)) !== 61 && c !== 32 && c !== 9 && c !== 10 && c !== 13) i++;
    const name = raw.slice(nameStart, i);
    while (i < length && ((c = raw.charCodeAt(i)) === 32 || c === 9 || c === 10 || c === 13)) i++;
    if (raw.charCodeAt(i) !== 61 /* = */) {
      // A bare attribute name (HTML style): present without a value.
      if (name !== '') take(name, '');
      continue;
    }
    i++;
    while (i < length && ((c = raw.charCodeAt(i)) === 32 || c === 9 || c === 10 || c === 13)) i++;
    const quote = raw.charCodeAt(i);
    let value: string;
    if (quote === 34 || quote === 39) {
      let end = raw.indexOf(quote === 34 ? '"' : "'", i + 1);
      if (end === -1) end = length;
      value = raw.slice(i + 1, end);
      i = end + 1;
    } else {
      const valueStart = i;
      while (i < length && (c = raw.charCodeAt(i)) !== 32 && c !== 9 && c !== 10 && c !== 13) i++;
      value = raw.slice(valueStart, i);
    }
    if (name !== '') take(name, decodeEntities(value, declared));
  }
}

/** Attributes of a start tag as a record, values decoded. */
export function parseAttributes(raw: string, declared?: EntityTable): Record<string, string> {
  const attrs: Record<string, string> = {};
  readAttributes(
    raw,
    (name, value) => {
      if (name !== '__proto__') attrs[name] = value;
    },
    declared,
  );
  return attrs;
}
