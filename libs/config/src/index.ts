export * from './parse-config';
export * from './env-fields';
export * from './logger';
export * from './connect-with-retry';
