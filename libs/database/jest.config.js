/** Jest settings for libs/database: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'database',
  roots: ['<rootDir>/libs/database'],
};
