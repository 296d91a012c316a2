/** Jest settings for bench/: the shared preset, limited to the benchmark's own helpers' specs. */
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'bench',
  roots: ['<rootDir>/bench'],
};
