// Shared vitest settings: resolve workspace packages to their TypeScript sources (the
// "@rommer/source" export condition), so unit tests never depend on a previous build.
import { defineConfig } from 'vitest/config';

export const sharedConfig = defineConfig({
  resolve: { conditions: ['@rommer/source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@rommer/source', 'node', 'import', 'default'] } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', '*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
