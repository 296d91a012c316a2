/** Jest settings for infra: unit tests of the local stack's orchestration. */
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'infra',
  roots: ['<rootDir>/infra'],
};
