import path from 'node:path';
import { ArchiveError, listArchive } from '@rommer/archive';
import { describeError } from '@rommer/core';
import { packDateFromDats, packDateFromName } from './pack-version.js';

/**
 * The date of a pack on disk (`--from-file`): from its name, else from the newest DAT timestamp
 * inside (a browser or a user may have renamed the file). Throws a one-line ArchiveError when the
 * file is missing or not an archive (a saved HTML page).
 */
export async function packFileVersion(file: string): Promise<string | undefined> {
  const byName = packDateFromName(path.basename(file));
  let names: string[];
  try {
    names = (await listArchive(file)).filter((entry) => !entry.isDirectory).map((entry) => entry.name);
  } catch (error) {
    throw new ArchiveError(`no-intro: --from-file ${describeError(error)}`, { cause: error, archive: file });
  }
  return byName ?? packDateFromDats(names.filter((name) => /\.dat$/i.test(name)));
}
