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

/** Which kinds of project may depend on which; specs may also use the testing library. */
function moduleBoundaries({ inSpecs, allow = [] }) {
  const extra = inSpecs ? ['type:testing'] : [];
  const rule = (sourceTag, allowed) => ({ sourceTag, onlyDependOnLibsWithTags: [...allowed, ...extra] });
  return {
    allow,
    enforceBuildableLibDependency: false,
    depConstraints: [
      rule('type:contracts', ['type:contracts']),
      rule('type:domain', ['type:contracts', 'type:domain']),
      // Workflow code runs in the deterministic sandbox: contracts, pure domain rules and other workflows' definitions (to signal them) only.
      rule('scope:sandbox', ['type:contracts', 'type:domain', 'scope:sandbox']),
      rule('type:platform', ['type:contracts', 'type:domain', 'type:platform']),
      rule('type:testing', ['type:contracts', 'type:domain', 'type:platform', 'type:testing']),
      rule('type:worker', ['type:contracts', 'type:domain', 'type:platform', 'scope:sandbox']),
      rule('type:service', ['type:contracts', 'type:domain', 'type:platform', 'scope:sandbox']),
      // The local stack's orchestration and the cross-service tests stand outside the product and may use all of it.
      rule('type:infra', ['*']),
      rule('type:test', ['*']),
    ],
  };
}

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
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ inSpecs: false })],
    },
  },
  {
    // Specs and the helpers beside them run in Jest, outside the workflow sandbox.
    files: ['**/*.spec.ts', '**/test-support/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ inSpecs: true })] },
  },
  {
    // Integration tests boot the real apps in-process; nothing else may import an app.
    files: ['test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ inSpecs: true, allow: ['@oioo/identity', '@oioo/legal-review', '@oioo/transport', '@oioo/worker', '@oioo/agency-simulator', '@oioo/casework', '@oioo/console', '@oioo/local-oidc', '@oioo/ops'] })] },
  },
  {
    // The casework benchmark boots the casework API in-process and signs in at the local provider; the screening one wires identity's providers by hand; the ingest one boots identity as its service would.
    files: ['bench/**/*.ts'],
    ignores: ['bench/workflows/**'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ inSpecs: true, allow: ['@oioo/casework', '@oioo/identity', '@oioo/local-oidc', '@oioo/identity/testing'] })] },
  },
  {
    // The committed documents are generated from the casework API's route catalogue.
    files: ['infra/docs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ inSpecs: false, allow: ['@oioo/casework'] })] },
  },
  {
    files: ['workflows/*/src/**/*.ts', 'bench/workflows/**/*.ts'],
    ignores: ['workflows/worker/**', '**/*.spec.ts', '**/test-support/**'],
    rules: { 'no-restricted-imports': ['error', sandboxForbiddenImports] },
  },
);
