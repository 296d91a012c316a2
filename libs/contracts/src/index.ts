export * from './ids';
export * from './source-systems';
export * from './envelope';
export * from './events/arrival-recorded.event';
export * from './topics';
export * from './task-queues';
export * from './workflow-ids';
export * from './search-attributes';
