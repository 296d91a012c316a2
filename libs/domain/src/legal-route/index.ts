export * from './eoi-policy';
export * from './eea-states';
export * from './eoi-eligibility';
