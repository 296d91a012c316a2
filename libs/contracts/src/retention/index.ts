export * from './iso-duration';
export * from './retention-policy';
export * from './retention-sweep.api';
