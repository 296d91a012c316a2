export * from './time-skipping-environment';
export * from './workflow-bundles';
export * from './quiet-runtime';
