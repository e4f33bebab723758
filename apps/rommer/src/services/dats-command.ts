import { catalogueExists, catalogueTarget, openCatalogueStore } from './catalog.js';
import { loadCommandContext } from './context.js';
import { formatDatTable } from './dat-table.js';
import { printLine } from './output.js';
import { createRegistry } from './registry.js';

/** `rommer dats` flags as pastel hands them over: unvalidated. */
export interface DatsFlags {
  source?: string | undefined;
  json?: boolean | undefined;
  config?: string | undefined;
  dataDir?: string | undefined;
}

/** One DAT as `rommer dats --json` prints it (issue contract). */
export interface DatListing {
  source: string | null;
  path: string;
  name: string | null;
  description: string | null;
  version: string | null;
  format: string;
  games: number;
  roms: number;
  disks: number;
  sha1: string;
  importedAt: string;
}

/**
 * `rommer dats [--source <id>] [--json]`: what the catalogue holds. Reads only: with no catalogue
 * yet, the list is empty and nothing is created.
 */
export async function runDatsCommand(
  flags: DatsFlags,
  io: { print: (line: string) => void; env?: Record<string, string | undefined> } = { print: printLine },
): Promise<number> {
  const source = flags.source?.trim();
  // --source names a known source; a typo gets the list of ids instead of an empty answer.
  if (source !== undefined) createRegistry().get(source);
  const ctx = await loadCommandContext({ config: flags.config, dataDir: flags.dataDir }, io.env ?? process.env);
  const target = catalogueTarget(ctx.paths, ctx.config, ctx.env);
  let rows: DatListing[] = [];
  if (catalogueExists(target)) {
    const store = await openCatalogueStore(target, { readOnly: true });
    try {
      const dats = await store.listDats(source !== undefined ? { source } : undefined);
      rows = dats.map((d) => ({
        source: d.source,
        path: d.path,
        name: d.name,
        description: d.description,
        version: d.version,
        format: d.format,
        games: d.games,
        roms: d.roms,
        disks: d.disks,
        sha1: d.sha1,
        importedAt: d.importedAt.toISOString(),
      }));
    } finally {
      await store.close();
    }
  }
  io.print(flags.json === true ? JSON.stringify(rows, null, 2) : formatDatTable(rows));
  return 0;
}
