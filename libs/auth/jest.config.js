/** Jest settings for libs/auth: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'auth',
  roots: ['<rootDir>/libs/auth'],
};
