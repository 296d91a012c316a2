/** Jest settings for libs/observability: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'observability',
  roots: ['<rootDir>/libs/observability'],
};
