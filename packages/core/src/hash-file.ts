import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { CancelledError } from './errors.js';

export interface HashFileOptions {
  /** Any algorithm node:crypto knows; sha1 by default. */
  algorithm?: 'sha1' | 'sha256' | 'md5';
  signal?: AbortSignal;
}

/** A file's hash in hex, read into one reused buffer (big DATs and packs: no per-chunk garbage). */
export async function hashFile(file: string, options: HashFileOptions = {}): Promise<string> {
  const hash = createHash(options.algorithm ?? 'sha1');
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      if (options.signal?.aborted) throw new CancelledError(`${file}: cancelled`);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}
