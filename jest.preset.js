/**
 * Shared Jest settings: SWC compiles TypeScript (with the decorator metadata NestJS needs) and
 * the path aliases of tsconfig.base.json resolve the same way they do for tsc and the workflow bundler.
 */
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
    // PGlite's CommonJS build uses dynamic import(), which Jest's vm cannot run; see the transform's comment.
    '@electric-sql/pglite/dist/.+\\.cjs$': '<rootDir>/libs/database/pglite-jest.transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  // Specs only: Jest's default pattern would also pick up entry points such as infra/stack/test.ts.
  testMatch: ['**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // A project that sets setupFilesAfterEnv of its own sets its own timeout too (test/support/test-timeout.ts).
  setupFilesAfterEnv: ['<rootDir>/jest.timeout.js'],
};
