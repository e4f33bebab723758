import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../vitest.shared.mjs';

// End-to-end tests spawn the built CLI, git and servers: one file at a time on a 2-core machine.
export default mergeConfig(sharedConfig, {
  test: { fileParallelism: false, testTimeout: 180_000, hookTimeout: 120_000 },
});
