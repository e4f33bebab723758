// Vitest config for the child processes some tests start: only *.child.ts files, never the tests
// (mergeConfig would concatenate the include lists, and a test that starts a child would recurse).
import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../../../../vitest.shared.mjs';

export default defineConfig({
  ...sharedConfig,
  test: { ...sharedConfig.test, include: ['src/test-support/*.child.ts'], testTimeout: 600_000 },
});
