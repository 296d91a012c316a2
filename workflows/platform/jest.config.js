/** Jest settings for workflows/platform: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'workflows-platform',
  roots: ['<rootDir>/workflows/platform'],
};
