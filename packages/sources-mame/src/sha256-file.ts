import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** The sha256 of a file, streamed (the release zip is tens of megabytes). */
export async function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, signal !== undefined ? { signal } : {}))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}
