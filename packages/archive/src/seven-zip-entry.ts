import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { archiveError } from './archive-error.js';
import { checkEntries } from './entry-checks.js';
import type { ArchiveLimits } from './limits.js';
import { ProgressTracker } from './progress.js';
import { scanSevenZip } from './seven-zip-reader.js';
import { writeSevenZipEntries } from './seven-zip-extract.js';
import { Staging } from './staging.js';

/**
 * One 7z entry as a stream. 7-Zip (WASM) runs synchronously and cannot hand out its output with
 * back-pressure, so the entry is extracted to a private temporary folder first and streamed from
 * disk; the folder is removed when the stream closes. The entry is never held in memory.
 */
export async function openSevenZipEntry(file: string, entryName: string, limits: ArchiveLimits): Promise<Readable> {
  const listing = await scanSevenZip(file);
  const { entries } = checkEntries(file, listing.entries, limits, undefined);
  const entry = entries.find((e) => e.name === entryName && !e.isDirectory);
  if (!entry) throw archiveError(file, entryName, 'no such file in the archive');
  const tempRoot = await mkdtemp(join(tmpdir(), 'rommer-7z-entry-'));
  try {
    const staging = await Staging.create(tempRoot);
    await writeSevenZipEntries(file, [entry], false, staging, new ProgressTracker(1, entry.size, undefined), undefined);
    const stream = createReadStream(join(staging.root, entry.name), { highWaterMark: 1 << 20 });
    stream.once('close', () => void rm(tempRoot, { recursive: true, force: true }));
    return stream;
  } catch (error) {
    await rm(tempRoot, { recursive: true, force: true });
    throw error;
  }
}
