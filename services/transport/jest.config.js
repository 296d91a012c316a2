/** Jest settings for services/transport: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'transport',
  roots: ['<rootDir>/services/transport'],
};
