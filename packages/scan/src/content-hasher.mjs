// Size, CRC-32 (zlib.crc32) and SHA-1 of one content from one pass over its bytes, MD5 and SHA-256
// only when asked for (a catalogue ROM of that size has nothing else), and the same hashes of what
// follows a copier header. Plain JavaScript (typed by content-hasher.d.mts): the hash workers load
// it as it is, and the main thread hashes archive entries with the very same code.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { HEADER_PROBE_BYTES, detectHeader } from './headers.mjs';

const hex8 = (n) => (n >>> 0).toString(16).padStart(8, '0');

function createDigests(size, options) {
  let crc = 0;
  const sha1 = createHash('sha1');
  const md5 = options.md5Sizes?.has(size) ? createHash('md5') : null;
  const sha256 = options.sha256Sizes?.has(size) ? createHash('sha256') : null;
  return {
    update(chunk) {
      crc = crc32(chunk, crc);
      sha1.update(chunk);
      md5?.update(chunk);
      sha256?.update(chunk);
    },
    digest() {
      return { crc: hex8(crc), sha1: sha1.digest('hex'), md5: md5?.digest('hex') ?? null, sha256: sha256?.digest('hex') ?? null };
    },
  };
}

/**
 * A hasher for content of `size` bytes; feed it every chunk in order, then call digest().
 * options: { md5Sizes?: Set<number>, sha256Sizes?: Set<number>, headers?: boolean (default true) }.
 */
export function createContentHasher(size, options = {}) {
  const whole = createDigests(size, options);
  let seen = 0;
  let probe = options.headers === false ? null : [];
  let probed = 0;
  let header = null;
  let body = null;

  const feedBody = (chunk, start) => {
    if (body === null) return;
    const skip = header.size - start;
    if (skip >= chunk.length) return;
    body.update(skip > 0 ? chunk.subarray(skip) : chunk);
  };
  const decide = () => {
    const start = Buffer.concat(probe);
    probe = null;
    header = detectHeader(start, size);
    if (header !== null) {
      body = createDigests(size - header.size, options);
      feedBody(start, 0);
    }
  };

  return {
    update(chunk) {
      whole.update(chunk);
      if (probe !== null) {
        probe.push(chunk);
        probed += chunk.length;
        if (probed >= HEADER_PROBE_BYTES) decide();
      } else {
        feedBody(chunk, seen);
      }
      seen += chunk.length;
    },
    digest() {
      if (probe !== null) decide();
      if (seen !== size) throw new Error(`read ${seen} bytes where ${size} were expected (the file changed while it was read?)`);
      return {
        size,
        ...whole.digest(),
        header: header === null ? null : { kind: header.kind, size: header.size, ...body.digest() },
      };
    },
  };
}

const CHUNK = 1 << 20;

/**
 * Hashes one file. Two buffers: the next read is under way while the current chunk is hashed.
 * Returns the hashes plus the size and mtime the open file had (the cache key).
 * options: those of createContentHasher plus onBytes?(n) every few MiB.
 */
export async function hashFile(path, options = {}) {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    const hasher = createContentHasher(info.size, options);
    const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    let which = 0;
    let position = 0;
    let reported = 0;
    let pending = handle.read(buffers[0], 0, CHUNK, 0);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const current = buffers[which];
      position += bytesRead;
      which ^= 1;
      pending = handle.read(buffers[which], 0, CHUNK, position);
      hasher.update(bytesRead === CHUNK ? current : current.subarray(0, bytesRead));
      if (options.onBytes && position - reported >= 8 * CHUNK) {
        options.onBytes(position - reported);
        reported = position;
      }
    }
    if (options.onBytes && position > reported) options.onBytes(position - reported);
    return { ...hasher.digest(), fileSize: info.size, mtimeMs: Math.trunc(info.mtimeMs) };
  } finally {
    await handle.close();
  }
}
