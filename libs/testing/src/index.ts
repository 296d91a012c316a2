export * from './time-skipping-environment';
export * from './workflow-bundles';
export * from './quiet-runtime';
export * from './time-skipping-worker';
export * from './history-files';
export * from './postgres/postgres-binaries';
export * from './postgres/throwaway-postgres';
export * from './fake-temporal-client';
