import { createHash, type Hash } from 'node:crypto';
import { TextDecoder } from 'node:util';

/** Byte-level facts gathered while a DAT is read: what the importer keys and reports on. */
export interface ReadStats {
  bytes: number;
  readonly hash: Hash;
}

export function newReadStats(): ReadStats {
  return { bytes: 0, hash: createHash('sha1') };
}

const known = new Set(['utf-8', 'utf8', 'iso-8859-1', 'latin1', 'windows-1252', 'us-ascii', 'ascii', 'utf-16', 'utf-16le', 'utf-16be']);

/** The encoding from a BOM or an XML declaration; UTF-8 otherwise (every modern DAT). */
export function detectEncoding(head: Uint8Array): { encoding: string; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const ascii = Buffer.from(head.subarray(0, 512)).toString('latin1');
  const declared = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(ascii)?.[1]?.toLowerCase();
  if (declared !== undefined && known.has(declared) && !declared.startsWith('utf-16')) {
    // windows-1252 is what browsers and DAT tools really mean by "iso-8859-1".
    return { encoding: declared === 'iso-8859-1' || declared === 'latin1' ? 'windows-1252' : declared, bomLength: 0 };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

/**
 * Turns a DAT's bytes into decoded text chunks, hashing and counting the bytes on the way, so the
 * file is read exactly once. Invalid byte sequences become U+FFFD rather than failing the file.
 */
export async function* decodeChunks(
  source: AsyncIterable<Uint8Array>,
  stats: ReadStats,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let pending: Uint8Array | undefined;
  for await (const raw of source) {
    const chunk = raw instanceof Uint8Array ? raw : Buffer.from(raw as string);
    stats.bytes += chunk.length;
    stats.hash.update(chunk);
    onBytes?.(stats.bytes);
    let bytes: Uint8Array = chunk;
    if (decoder === undefined) {
      // Wait for enough bytes to see a BOM and an XML declaration.
      bytes = pending === undefined ? chunk : Buffer.concat([pending, chunk]);
      if (bytes.length < 512) {
        // A copy: the reader may reuse the chunk's memory for the next read.
        pending = Uint8Array.from(bytes);
        continue;
      }
      pending = undefined;
      const { encoding, bomLength } = detectEncoding(bytes);
      decoder = new TextDecoder(encoding, { ignoreBOM: true });
      bytes = bytes.subarray(bomLength);
    }
    const text = decoder.decode(bytes, { stream: true });
    if (text !== '') yield text;
  }
  if (decoder === undefined) {
    const bytes = pending ?? new Uint8Array(0);
    const { encoding, bomLength } = detectEncoding(bytes);
    decoder = new TextDecoder(encoding, { ignoreBOM: true });
    const text = decoder.decode(bytes.subarray(bomLength), { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}
