export * from './definitions';
export * from './case-errors';
export type * from './readmission.activities';
export * from './readmission-case.workflow';
