/** Jest settings for libs/testing: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'testing',
  roots: ['<rootDir>/libs/testing'],
};
