/** Jest settings for workflows/eoi: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'workflows-eoi',
  roots: ['<rootDir>/workflows/eoi'],
};
