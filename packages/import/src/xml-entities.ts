const predefined: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const reference = /&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_:][\w.:-]*);/g;

function fromCodePoint(code: number, original: string): string {
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : original;
}

/**
 * Expands entity and character references. Real DATs contain stray bare `&` ("Tom & Jerry") and
 * references the file never declares: both are kept literally instead of failing the file.
 */
export function decodeEntities(text: string, declared?: ReadonlyMap<string, string>): string {
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
export function readEntityDeclarations(subset: string, into: Map<string, string>): void {
  const declaration = /<!ENTITY\s+([A-Za-z_:][\w.:-]*)\s+(["'])([\s\S]*?)\2\s*>/g;
  for (const match of subset.matchAll(declaration)) {
    const name = match[1]!;
    if (!into.has(name)) into.set(name, decodeEntities(match[3]!, into));
  }
}

/**
 * Reads a start tag's attributes, handing each decoded name/value pair to `take`. Tolerates single
 * quotes, unquoted values and extra whitespace. Callers that keep a few known attributes (a rom's)
 * take them straight into their object, with no intermediate record per element.
 */
export function readAttributes(raw: string, take: (name: string, value: string) => void, declared?: ReadonlyMap<string, string>): void {
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
export function parseAttributes(raw: string, declared?: ReadonlyMap<string, string>): Record<string, string> {
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
