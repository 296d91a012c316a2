/** Jest settings for libs/database: the shared preset, limited to this project's specs. */
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'database',
  roots: ['<rootDir>/libs/database'],
  // PGlite's CommonJS build uses dynamic import(), which Jest's vm cannot run; see pglite-jest.transform.js.
  transform: { ...preset.transform, '@electric-sql/pglite/dist/.+\\.cjs$': '<rootDir>/libs/database/pglite-jest.transform.js' },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
};
