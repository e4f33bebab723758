import { fileURLToPath } from 'node:url';

/** The repository's copies of real upstream DATs (`test/fixtures`), from src/ and dist/ alike. */
export const fixturesDir = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
