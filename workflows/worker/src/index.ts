export { createPlatformWorkers, WORKFLOWS_ENTRY } from './worker';
