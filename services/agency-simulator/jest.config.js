/** Jest settings for services/agency-simulator: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'agency-simulator',
  roots: ['<rootDir>/services/agency-simulator'],
};
