// Runs the monorepo's TypeScript directly in Node: SWC compiles on the fly with decorator metadata
// (NestJS dependency injection needs it) and rewrites the tsconfig path aliases.
process.env.SWC_NODE_PROJECT ??= require('node:path').join(__dirname, '..', '..', 'tsconfig.base.json');
require('@swc-node/register');
