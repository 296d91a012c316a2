export * from './definitions';
export * from './readmission-case.workflow';
