export * from './cluster-layout';
export * from './cluster-processes';
export * from './kafka-cluster';
export * from './start-cluster';
export * from './toxiproxy-client';
export * from './toxiproxy-server';
