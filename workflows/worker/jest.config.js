/** Jest settings for workflows/worker: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'worker',
  roots: ['<rootDir>/workflows/worker'],
};
