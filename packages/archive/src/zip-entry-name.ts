import { crc32 } from 'node:zlib';
import { decodeCp437 } from './cp437.js';

/** How a zip entry's raw name bytes were turned into text. */
export interface DecodedName {
  name: string;
  /** Set when the name had to be read in a way its flags did not announce. */
  warning?: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

const UTF8_FLAG = 0x800;
const UNICODE_PATH_EXTRA_FIELD = 0x7075;

/**
 * Decodes a zip entry name. The zip spec says: UTF-8 when general-purpose bit 11 is set (or an
 * Info-ZIP Unicode Path extra field vouches for the name), CP437 otherwise. Real packs bend this
 * both ways, so:
 * - bit 11 set but the bytes are not UTF-8 (a real TOSEC pack has such a CUE name): CP437, with a warning;
 * - bit 11 clear but the bytes are valid UTF-8 with non-ASCII characters: UTF-8, since many tools
 *   write UTF-8 without the flag and CP437 text is almost never valid UTF-8 by accident.
 */
export function decodeZipEntryName(
  raw: Uint8Array,
  generalPurposeBitFlag: number,
  extraFields: ReadonlyArray<{ id: number; data: Uint8Array }> = [],
): DecodedName {
  for (const field of extraFields) {
    if (field.id !== UNICODE_PATH_EXTRA_FIELD || field.data.length < 6 || field.data[0] !== 1) continue;
    const view = Buffer.from(field.data.buffer, field.data.byteOffset, field.data.byteLength);
    // The field only applies while its CRC matches the name it was written for (APPNOTE 4.6.9).
    if (view.readUInt32LE(1) !== crc32(raw)) continue;
    const unicode = tryUtf8(view.subarray(5));
    if (unicode !== undefined) return { name: unicode };
  }
  const utf8 = tryUtf8(raw);
  if ((generalPurposeBitFlag & UTF8_FLAG) !== 0) {
    if (utf8 !== undefined) return { name: utf8 };
    const name = decodeCp437(raw);
    return { name, warning: `entry name is marked UTF-8 but is not valid UTF-8; read as CP437: "${name}"` };
  }
  if (utf8 !== undefined) return { name: utf8 };
  return { name: decodeCp437(raw) };
}
