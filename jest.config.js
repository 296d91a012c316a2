/** Every Jest project of the monorepo in one run: each lib, service and workflow project, infra, test/ and bench/. */
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const projectConfigs = ['libs', 'services', 'workflows']
  .flatMap((group) => readdirSync(join(__dirname, group)).map((name) => join(__dirname, group, name, 'jest.config.js')))
  .concat(join(__dirname, 'infra', 'jest.config.js'), join(__dirname, 'test', 'jest.config.js'), join(__dirname, 'bench', 'jest.config.js'))
  .filter((file) => existsSync(file));

module.exports = { projects: projectConfigs };
