import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.mjs';

// A real PostgreSQL server for the whole run: the suite runs on both engines.
export default mergeConfig(sharedConfig, defineConfig({ test: { globalSetup: ['../../tools/test-postgres/src/global-setup.ts'] } }));
