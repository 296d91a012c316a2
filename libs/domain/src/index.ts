export * from './time';
export * from './readmission/readmission-policy';
export * from './readmission/readmission-deadlines';
export * from './readmission/readmission-scope';
export * from './readmission/readmission-age';
export * from './readmission/readmission-bars';
export * from './readmission/france-refusal';
export * from './equivalence';
