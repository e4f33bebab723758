// A module-resolution hook: appends every URL the ESM loader resolves to $ROMMER_TRACE_FILE.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(process.env.ROMMER_TRACE_FILE, `${result.url}\n`);
  return result;
}
