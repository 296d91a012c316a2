export * from './case-driver';
export * from './fake-readmission-services';
