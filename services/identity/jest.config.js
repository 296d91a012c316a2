/** Jest settings for services/identity: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'identity',
  roots: ['<rootDir>/services/identity'],
};
