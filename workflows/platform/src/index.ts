export * from './definitions';
export * from './probe.workflow';
export * from './retention.activities';
export * from './retention-sweep.workflow';
export * from './rule-clock';
export * from './news-watch';
