/** Jest settings for libs/domain: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'domain',
  roots: ['<rootDir>/libs/domain'],
};
