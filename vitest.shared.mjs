// Shared vitest settings: resolve workspace packages to their TypeScript sources (the
// "@rommer/source" export condition), so unit tests never depend on a previous build.
//
// No 'import' condition here: vitest hands these to the test workers as `--conditions`, and an
// explicit 'import' makes CommonJS require() pick ESM builds (yazl, used to build test zips, then
// gets buffer-crc32's ESM namespace and fails). Node adds import/require by itself.
import { defineConfig } from 'vitest/config';

const conditions = ['@rommer/source', 'node', 'default'];

export const sharedConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', '*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
