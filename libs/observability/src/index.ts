export * from './metrics-config';
export * from './metrics-registry';
export * from './metrics-endpoint';
export * from './http-metrics';
export * from './kafka-metrics';
export * from './tracing';
