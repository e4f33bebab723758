import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { CancelledError } from '@rommer/core/errors';

/** SHA-1 of a file's bytes, read into one reused buffer (no per-chunk allocations to collect). */
export async function sha1File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha1');
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      if (signal?.aborted) throw new CancelledError(`import of ${file} cancelled`);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}
