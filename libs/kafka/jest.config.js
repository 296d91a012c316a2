/** Jest settings for libs/kafka: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'kafka',
  roots: ['<rootDir>/libs/kafka'],
};
