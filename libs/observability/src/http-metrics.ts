import { type IncomingMessage, type ServerResponse } from 'node:http';
import { SpanKind, context, propagation, trace } from '@opentelemetry/api';
import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics-registry';
import { endSpan, platformTracer, tracingEnabled } from './tracing';

const labelNames = ['method', 'route', 'status'] as const;

/** HTTP requests answered, by route template (never the concrete path, which holds ids), method and status. */
export const httpRequestsTotal = new Counter({
  name: 'oioo_http_requests_total',
  help: 'HTTP requests answered, by route template, method and status code.',
  labelNames,
  registers: [metricsRegistry],
});

/** Time to answer an HTTP request. */
export const httpRequestDuration = new Histogram({
  name: 'oioo_http_request_duration_seconds',
  help: 'Time from an HTTP request arriving to its answer being written, by route template, method and status code.',
  labelNames,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** A request as Express sees it once a route matched: the route's template and where its router is mounted. */
type RoutedRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };

/** The label of a request: its route template, or one label for every request no route matched (so random paths add no series). */
export function routeTemplateOf(request: RoutedRequest): string {
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` || '/' : 'unmatched';
}

/**
 * Express middleware (NestJS's Express adapter and the console) counting and timing every request, and,
 * when tracing is on, a server span per request continuing the caller's W3C trace context.
 */
export function httpMetricsMiddleware(): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  return (request, response, next) => {
    const stopTimer = httpRequestDuration.startTimer();
    const method = request.method ?? 'GET';
    const parent = tracingEnabled() ? propagation.extract(context.active(), request.headers) : undefined;
    const span = parent && platformTracer().startSpan(`HTTP ${method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } }, parent);
    response.once('finish', () => {
      const labels = { method, route: routeTemplateOf(request as RoutedRequest), status: String(response.statusCode) };
      httpRequestsTotal.inc(labels);
      stopTimer(labels);
      if (span) {
        span.updateName(`HTTP ${method} ${labels.route}`);
        span.setAttributes({ 'http.route': labels.route, 'http.response.status_code': response.statusCode });
        endSpan(span, response.statusCode >= 500 ? new Error('server error') : undefined);
      }
    });
    // The handler runs inside the request's span, so the spans it starts (Temporal calls, Kafka sends) are its children.
    if (parent && span) context.with(trace.setSpan(parent, span), next);
    else next();
  };
}
