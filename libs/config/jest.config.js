/** Jest settings for libs/config: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'config',
  roots: ['<rootDir>/libs/config'],
};
