/** Cross-service integration and end-to-end tests: they run against the real Temporal server and Kafka broker that `npm test` starts. */
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'integration',
  roots: ['<rootDir>/test'],
  setupFilesAfterEnv: ['<rootDir>/test/support/test-timeout.ts'],
};
