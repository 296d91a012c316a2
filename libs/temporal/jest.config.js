/** Jest settings for libs/temporal: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'temporal',
  roots: ['<rootDir>/libs/temporal'],
};
