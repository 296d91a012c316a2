export * from './eoi-applicants';
export * from './eoi-driver';
export * from './eoi-environment';
export * from './fake-eoi-services';
