import { describe, expect, it } from 'vitest';
import { packagesIn, traceImport } from './support/import-trace.js';

// The packages below core need only its contracts and errors; the network and config stack is
// loaded by the sources and the app through core's own entry points (ARCHITECTURE.md).
const transportLibraries = ['got', 'simple-git', 'tough-cookie', 'cheerio', 'postcss', 'cosmiconfig'];

describe('what importing a package loads', () => {
  it.each(['@rommer/archive', '@rommer/import', '@rommer/store'])('%s loads no network, HTML or config library', async (name) => {
    const loaded = packagesIn(await traceImport(name));
    expect(loaded).toContain('@rommer/core');
    expect(loaded.filter((pkg) => transportLibraries.includes(pkg))).toEqual([]);
  });

  it('sees the libraries a transport entry does load (the trace is not blind)', async () => {
    const http = packagesIn(await traceImport('@rommer/core/http'));
    expect(http).toEqual(expect.arrayContaining(['got', 'tough-cookie']));
    expect(packagesIn(await traceImport('@rommer/core/config'))).toContain('cosmiconfig');
    expect(packagesIn(await traceImport('@rommer/core/html'))).toEqual(expect.arrayContaining(['cheerio', 'postcss']));
  });
});
