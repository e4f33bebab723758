// One flat config for the whole workspace. @nx/enforce-module-boundaries keeps the package arrows
// of ARCHITECTURE.md: core imports nothing of ours; sources never reach the store or the importer.
// Type-aware rules run on package sources (each file's nearest tsconfig.json, through the project service).
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '**/coverage/**', '**/.nx/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or handles, or one passed where a plain callback is
    // expected, loses its errors (an unhandled rejection ends the process).
    files: ['**/src/**/*.ts', '**/src/**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Package code only: config files at a package root may import the workspace's shared settings.
    files: ['**/src/**/*.ts', '**/src/**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:archive', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'type:store', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'type:import', onlyDependOnLibsWithTags: ['type:core', 'type:archive', 'type:store'] },
            { sourceTag: 'type:scan', onlyDependOnLibsWithTags: ['type:core', 'type:archive', 'type:store'] },
            { sourceTag: 'type:source', onlyDependOnLibsWithTags: ['type:core', 'type:archive'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // The packages below the sources get core's contracts and errors only: a transport, config loading
    // or the orchestrator would load the network stack into every user of archive, store and import.
    files: ['packages/archive/src/**/*.ts', 'packages/store/src/**/*.ts', 'packages/import/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@rommer/core/(?!errors$|files$)',
              message: 'archive, store and import may use @rommer/core, @rommer/core/errors and @rommer/core/files only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may use the loopback mirror (a tool) besides the package's own allowed dependencies.
    files: ['**/src/**/*.test.ts', '**/src/**/*.test.tsx', '**/src/**/test-support/**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:tool'] },
            { sourceTag: 'type:archive', onlyDependOnLibsWithTags: ['type:core', 'type:tool'] },
            { sourceTag: 'type:store', onlyDependOnLibsWithTags: ['type:core', 'type:tool'] },
            { sourceTag: 'type:import', onlyDependOnLibsWithTags: ['type:core', 'type:archive', 'type:store', 'type:tool'] },
            // A scan's tests read the fixdats they write back with the project's own DAT parser.
            { sourceTag: 'type:scan', onlyDependOnLibsWithTags: ['type:core', 'type:archive', 'type:store', 'type:import', 'type:tool'] },
            { sourceTag: 'type:source', onlyDependOnLibsWithTags: ['type:core', 'type:archive', 'type:tool'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // In the app, services hold the logic and know nothing of views or the command runtime; the
    // views (ui/) and the commands may import services, never the other way round.
    files: ['apps/rommer/src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ui/**', '**/runtime/**', '**/commands/**', '**/command-runs/**'], message: 'services/ may not import the views, the runtime or the commands.' },
          ],
        },
      ],
    },
  },
);
