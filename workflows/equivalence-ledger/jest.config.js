/** Jest settings for workflows/equivalence-ledger: the shared preset, limited to this project's specs. */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'workflows-equivalence-ledger',
  roots: ['<rootDir>/workflows/equivalence-ledger'],
};
