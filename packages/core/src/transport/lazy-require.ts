import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Loads a CommonJS-capable package on first use. The HTML helpers need cheerio and postcss (about
 * 0.2 s to load) only when a page is parsed; importing them statically would charge every
 * `rommer` start-up for them, even `--help` and updates of sources that never read HTML.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
