export * from './health-indicator';
export * from './health.module';
export * from './bootstrap-service';
export * from './service-platform.module';
export * from './service-error';
export * from './audit/chain-head-publisher';
