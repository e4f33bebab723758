// Copier and emulator headers that No-Intro's DATs leave out: a headered dump is also matched with
// the header removed. Each rule is a magic at an offset and the header's fixed length. Plain
// JavaScript (typed by headers.d.mts) so the hash workers load it as it is, from src/ and dist/ alike.

export const HEADER_RULES = Object.freeze([
  // iNES and NES 2.0 share the magic; NES 2.0 only gives bytes 7–15 other meanings.
  Object.freeze({ kind: 'ines', size: 16, offset: 0, magic: Buffer.from('NES\x1a', 'latin1') }),
  Object.freeze({ kind: 'fds', size: 16, offset: 0, magic: Buffer.from('FDS\x1a', 'latin1') }),
  Object.freeze({ kind: 'a7800', size: 128, offset: 1, magic: Buffer.from('ATARI7800', 'latin1') }),
  Object.freeze({ kind: 'lynx', size: 64, offset: 0, magic: Buffer.from('LYNX', 'latin1') }),
]);

/** The longest prefix a detection needs to see. */
export const HEADER_PROBE_BYTES = Math.max(...HEADER_RULES.map((rule) => rule.offset + rule.magic.length));

/**
 * The header that `start` (the first bytes of content `size` bytes long) begins with, or null. A
 * file no longer than the header cannot be a headered dump.
 */
export function detectHeader(start, size) {
  for (const rule of HEADER_RULES) {
    if (size <= rule.size || start.length < rule.offset + rule.magic.length) continue;
    if (start.subarray(rule.offset, rule.offset + rule.magic.length).equals(rule.magic)) return rule;
  }
  return null;
}
