import type { ScanEvent, ScanResult } from '@rommer/scan';
import type { CommandContext } from './context.js';
import { openCatalogue } from './scan-catalogue.js';

/** One scan from the dashboard's scan view: the catalogue is opened for it and closed after. */
export async function runDashboardScan(ctx: CommandContext, path: string, onEvent: (event: ScanEvent) => void, signal: AbortSignal): Promise<ScanResult> {
  const { store, cache, paths, close } = await openCatalogue(ctx);
  try {
    const { scanCollection } = await import('@rommer/scan');
    return await scanCollection({ store, cache, paths: [path], signal, onEvent, exclude: [paths.dataDir] });
  } finally {
    await close();
  }
}
