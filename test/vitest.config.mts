import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../vitest.shared.mjs';

// The shared 'import' condition is also handed to the test workers as `--conditions import`,
// which makes CommonJS require() pick ESM builds: yazl (the mirror builds zips with it) then gets
// buffer-crc32's ESM namespace and fails. Node adds import/require by itself, so leave it out.
const conditions = ['@rommer/source', 'node', 'default'];

// End-to-end tests spawn the built CLI, git and servers: one file at a time on a 2-core machine.
export default mergeConfig(
  { ...sharedConfig, resolve: { ...sharedConfig.resolve, conditions }, ssr: { ...sharedConfig.ssr, resolve: { ...sharedConfig.ssr?.resolve, conditions } } },
  { test: { fileParallelism: false, testTimeout: 180_000, hookTimeout: 120_000 } },
);
