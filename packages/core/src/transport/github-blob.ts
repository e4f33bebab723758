import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';

/**
 * The git blob id of a file: sha1("blob <size>\0" + content), streamed so a large file is never
 * held in memory. It equals the `sha` the GitHub tree API lists for that file.
 */
export async function gitBlobSha1(file: string, signal?: AbortSignal): Promise<string> {
  const { size } = await fsp.stat(file);
  const hash = createHash('sha1');
  hash.update(`blob ${size}\0`);
  for await (const chunk of fs.createReadStream(file, signal !== undefined ? { signal } : {}))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The git blob id of bytes in memory. */
export function gitBlobSha1OfBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
