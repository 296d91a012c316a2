/** Jest settings for workflows/readmission: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'workflows-readmission',
  roots: ['<rootDir>/workflows/readmission'],
};
