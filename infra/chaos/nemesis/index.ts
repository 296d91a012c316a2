export * from './fault-recorder';
export * from './plan-faults';
export * from './run-nemesis';
