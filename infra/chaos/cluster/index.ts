export * from './cluster-layout';
export * from './cluster-processes';
export * from './start-cluster';
export * from './toxiproxy-client';
export * from './toxiproxy-server';
