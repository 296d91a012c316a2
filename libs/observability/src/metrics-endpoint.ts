import { type Server, createServer } from 'node:http';
import { collectDefaultMetrics } from 'prom-client';
import { createLogger } from '@oioo/config';
import { type MetricsConfig } from './metrics-config';
import { metricsRegistry } from './metrics-registry';

/** A running metrics listener. */
export interface MetricsEndpoint {
  /** The URL Prometheus scrapes. */
  url: string;
  close(): Promise<void>;
}

let defaultsCollected = false;

/**
 * Serves `GET /metrics` of {@link metricsRegistry} on a listener of its own, apart from the service's API:
 * no API route exists for it, so the API's deny-by-default stays whole, and the port is reachable only
 * where it is bound (loopback locally, the internal network in a cluster). Answers nothing else.
 * Resolves undefined when `METRICS_PORT` is unset.
 */
export async function startMetricsEndpoint(service: string, config: MetricsConfig): Promise<MetricsEndpoint | undefined> {
  if (config.port === undefined) return undefined;
  if (!defaultsCollected) {
    defaultsCollected = true;
    // Process figures (resident memory, CPU, event-loop lag, heap), under their standard names.
    collectDefaultMetrics({ register: metricsRegistry });
    metricsRegistry.setDefaultLabels({ service });
  }
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metricsRegistry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await listen(server, config.port, config.host);
  // Never what keeps a process alive: it stops with the service it reports on.
  server.unref();
  const url = `http://${config.host}:${config.port}/metrics`;
  createLogger(service).info('metrics listening', { url });
  return { url, close: () => new Promise((resolvePromise) => server.close(() => resolvePromise())) };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
}
