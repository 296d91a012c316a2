/**
 * What workflow code takes from the contracts at run time (`@oioo/contracts/workflow`): ids, workflow IDs,
 * task queues, search attributes and the pilot, none of it built with zod. The sandbox evaluates a bundle's
 * modules again for every workflow run, so importing the full `@oioo/contracts` there built every event and
 * service schema once per case: about a fifth of a replay's CPU and much of a cached case's memory
 * (bench/results/worker-memory.md). Types may still come from `@oioo/contracts`: they are erased.
 */
export { OPAQUE_ID, isOpaqueId } from './opaque-id';
export * from './workflow-ids';
export * from './task-queues';
export * from './search-attributes';
export * from './pilot';
