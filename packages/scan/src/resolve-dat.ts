// `--dat TEXT`: a DAT's header name, its catalogue path, or the path of the file that was imported.
import path from 'node:path';
import { UsageError } from '@rommer/core';
import type { DatRecord } from '@rommer/store';

/**
 * The DAT `text` names. `datsDir` is the library folder that catalogue paths are relative to.
 * Nothing or several DATs answering is a UsageError saying which.
 */
export function resolveDat(dats: readonly DatRecord[], text: string, datsDir: string): DatRecord {
  const wanted = text.trim();
  const byPath = dats.find((dat) => dat.path === wanted);
  if (byPath) return byPath;
  const absolute = path.resolve(wanted);
  const relative = path.relative(datsDir, absolute).split(path.sep).join('/');
  const byFile = dats.find((dat) => dat.path === absolute || dat.path === relative);
  if (byFile) return byFile;
  const byName = dats.filter((dat) => dat.name === wanted);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new UsageError(`--dat ${JSON.stringify(wanted)} names ${byName.length} DATs; give its path instead: ${byName.map((d) => d.path).join(', ')}`);
  }
  throw new UsageError(`--dat ${JSON.stringify(wanted)}: no DAT in the catalogue has that name or path (rommer dats lists them)`);
}
