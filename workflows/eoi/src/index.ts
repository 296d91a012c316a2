export * from './definitions';
export * from './eoi.activities';
export * from './eoi-case.workflow';
