import { NotAvailableError } from '@rommer/core';
import { loadCommandContext } from './context.js';
import { formatSourceTable, listSources } from './list-sources.js';
import { printLine } from './output.js';
import { validateUpdateFlags, type UpdateFlags } from './update-flags.js';

/** `rommer update`: validates flags, then lists sources or runs the update. Returns the exit code. */
export async function runUpdateCommand(flags: UpdateFlags): Promise<number> {
  const ctx = await loadCommandContext(flags);
  const request = validateUpdateFlags(flags, ctx.registry);
  if (request.listSources) {
    const rows = listSources(ctx);
    printLine(request.json ? JSON.stringify(rows, null, 2) : formatSourceTable(rows));
    return 0;
  }
  throw new NotAvailableError('update is not available in this build yet');
}
