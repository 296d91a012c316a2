/** What tests use of the operations command: running it in-process with an environment and output of their own. */
export { runOps, type OpsIo, OpsRefusedError } from './run-ops';
export { type OpsOutput } from './ops-output';
