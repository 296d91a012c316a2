/** Jest settings for libs/contracts: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'contracts',
  roots: ['<rootDir>/libs/contracts'],
};
