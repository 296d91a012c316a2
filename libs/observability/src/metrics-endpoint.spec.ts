import { type AddressInfo } from 'node:net';
import express from 'express';
import { httpMetricsMiddleware } from './http-metrics';
import { loadMetricsConfig } from './metrics-config';
import { startMetricsEndpoint } from './metrics-endpoint';
import { metricsRegistry } from './metrics-registry';

/** A free port on loopback, for the metrics listener. */
async function freePort(): Promise<number> {
  const server = express().listen(0, '127.0.0.1');
  await new Promise((resolvePromise) => server.once('listening', resolvePromise));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolvePromise) => server.close(resolvePromise));
  return port;
}

describe('metrics of a process', () => {
  beforeEach(() => metricsRegistry.resetMetrics());

  it('without METRICS_PORT no listener starts', async () => {
    expect(await startMetricsEndpoint('spec', loadMetricsConfig({}))).toBeUndefined();
  });

  it('a bad METRICS_PORT stops the process naming it', () => {
    expect(() => loadMetricsConfig({ METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT/);
  });

  it('counts requests by route template, never by the concrete path, and serves only GET /metrics on its own port', async () => {
    const app = express();
    app.use(httpMetricsMiddleware());
    app.get('/api/v1/readmission-cases/:caseId', (_request, response) => void response.status(200).json({ ok: true }));
    const api = app.listen(0, '127.0.0.1');
    await new Promise((resolvePromise) => api.once('listening', resolvePromise));
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const endpoint = await startMetricsEndpoint('spec', loadMetricsConfig({ METRICS_PORT: String(await freePort()) }));
    try {
      await fetch(`${apiUrl}/api/v1/readmission-cases/case_01J9ZQ4X7K3M2N8P6R5T`);
      await fetch(`${apiUrl}/no/such/route/case_01J9ZQ4X7K3M2N8P6R5T`);
      const scrape = await fetch(endpoint?.url ?? '');
      const text = await scrape.text();
      expect(scrape.headers.get('content-type')).toContain('text/plain');
      expect(text).toContain('oioo_http_requests_total{method="GET",route="/api/v1/readmission-cases/:caseId",status="200",service="spec"} 1');
      expect(text).toContain('oioo_http_requests_total{method="GET",route="unmatched",status="404",service="spec"} 1');
      expect(text).toContain('oioo_http_request_duration_seconds_bucket{le="+Inf",service="spec",method="GET",route="/api/v1/readmission-cases/:caseId",status="200"} 1');
      expect(text).toContain('process_resident_memory_bytes');
      expect(text).not.toContain('case_01J9ZQ4X7K3M2N8P6R5T');
      const other = await fetch((endpoint?.url ?? '').replace('/metrics', '/health'));
      expect(other.status).toBe(404);
    } finally {
      await endpoint?.close();
      await new Promise((resolvePromise) => api.close(resolvePromise));
    }
  });
});
