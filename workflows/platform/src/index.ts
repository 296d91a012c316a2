export * from './definitions';
export * from './probe.workflow';
