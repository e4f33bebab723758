import { open } from 'node:fs/promises';
import { describeError } from '@rommer/core/errors';
import { archiveError } from './archive-error.js';

export type ArchiveFormat = 'zip' | '7z';

const SNIFF_BYTES = 4096;
const SEVEN_ZIP_MAGIC = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]);
// Local file header, empty archive (end of central directory), spanned-archive marker.
const ZIP_MAGICS = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1'), Buffer.from('PK\x07\x08', 'latin1')];
const HTML_MARKERS =
  /<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|title[\s>]|meta\s|link\s|style[\s>]|script[\s>]|form[\s>]|div[\s>]|table[\s>]|p>|h[1-6][\s>]|a\s+href)/i;

async function readHead(file: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw archiveError(file, undefined, `cannot open: ${describeError(error)}`, error);
  }
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** True when the bytes look like an HTML page: text (no NUL), with an HTML tag near the start. */
export function looksLikeHtml(head: Buffer): boolean {
  if (head.includes(0)) return false;
  const text = head.toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart();
  return HTML_MARKERS.test(text);
}

/** Recognises a file by its first bytes, never by its name. */
export function detectFormatFromBytes(head: Buffer): ArchiveFormat | 'html' | 'unknown' {
  if (head.subarray(0, 6).equals(SEVEN_ZIP_MAGIC)) return '7z';
  const first4 = head.subarray(0, 4);
  if (ZIP_MAGICS.some((magic) => first4.equals(magic))) return 'zip';
  if (looksLikeHtml(head)) return 'html';
  return 'unknown';
}

/** Reads the first bytes. 'html' for an HTML/text page where an archive was due; 'unknown' otherwise. */
export async function detectArchiveFormat(file: string): Promise<ArchiveFormat | 'html' | 'unknown'> {
  return detectFormatFromBytes(await readHead(file));
}

/** Throws ArchiveError unless the file is a zip or 7z archive; an HTML page gets its own message. */
export async function assertArchive(file: string): Promise<ArchiveFormat> {
  const format = await detectArchiveFormat(file);
  if (format === 'html') {
    throw archiveError(file, undefined, 'expected a zip or 7z archive but got an HTML page (a login or error page?)');
  }
  if (format === 'unknown') {
    throw archiveError(file, undefined, 'not a zip or 7z archive (unrecognised first bytes)');
  }
  return format;
}
