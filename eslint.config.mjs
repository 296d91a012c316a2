// Lint keeps workflow code inside Temporal's deterministic sandbox and module boundaries honest.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Imports that would break determinism or pull I/O into the workflow sandbox. */
const sandboxForbiddenImports = {
  patterns: [
    { group: ['node:*'], message: 'Workflow code runs in the Temporal sandbox: no Node built-ins.' },
    { group: ['@nestjs/*', 'kafkajs', 'pg', '@electric-sql/*', 'express', 'axios', 'undici'], message: 'Workflow code does no I/O: call an activity instead.' },
    { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'], message: 'Workflow code may use only @temporalio/workflow and @temporalio/common.' },
    { group: ['@oioo/kafka', '@oioo/temporal', '@oioo/config'], message: 'Workflow code depends only on contracts and domain.' },
  ],
  paths: ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'dns', 'child_process', 'worker_threads', 'stream', 'zlib', 'process', 'timers', 'util', 'events', 'url', 'buffer'].map(
    (name) => ({ name, message: 'Workflow code runs in the Temporal sandbox: no Node built-ins.' }),
  ),
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tools/**', '.data/**', '.nx/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
            { sourceTag: 'scope:sandbox', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform'] },
            { sourceTag: 'type:worker', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'scope:sandbox'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'scope:sandbox'] },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/*/src/**/*.ts'],
    ignores: ['workflows/worker/**', '**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', sandboxForbiddenImports] },
  },
);
