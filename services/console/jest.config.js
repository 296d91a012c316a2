/** Jest settings for services/console: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'console',
  roots: ['<rootDir>/services/console'],
};
