/** Jest settings for services/casework: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'casework',
  roots: ['<rootDir>/services/casework'],
};
