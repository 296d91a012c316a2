/** Jest settings for services/legal-review: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'legal-review',
  roots: ['<rootDir>/services/legal-review'],
};
