/** Jest settings for libs/service-kit: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'service-kit',
  roots: ['<rootDir>/libs/service-kit'],
};
