import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-1 of a file's bytes, streamed. */
export async function sha1File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha1');
  const stream = createReadStream(file, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
