export * from './time';
export * from './readmission/readmission-deadlines';
export * from './readmission/readmission-scope';
