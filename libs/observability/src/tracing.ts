import { type Span, type Tracer, context, propagation, trace } from '@opentelemetry/api';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Resources from '@opentelemetry/resources';
import type { Resource } from '@opentelemetry/resources';
import type * as TraceBase from '@opentelemetry/sdk-trace-base';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type * as TraceNode from '@opentelemetry/sdk-trace-node';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type * as Conventions from '@opentelemetry/semantic-conventions';

/** The process's tracing, once {@link startTracing} switched it on. */
interface ActiveTracing {
  provider: NodeTracerProvider;
  processor: SpanProcessor;
  resource: Resource;
}

let active: ActiveTracing | undefined;

/**
 * Switches tracing on for this process when `OTEL_EXPORTER_OTLP_ENDPOINT` is set: spans are batched and
 * exported by OTLP/HTTP to `<endpoint>/v1/traces`, with W3C trace context propagated. Unset (the default),
 * nothing is installed and every instrumentation point skips its work. Call once, first thing in `main`.
 */
export function startTracing(serviceName: string, env: Record<string, string | undefined> = process.env): boolean {
  const endpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim();
  if (!endpoint || active) return active !== undefined;
  // Loaded only when tracing is on, so a process without an endpoint carries none of the SDK.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const { Resource } = require('@opentelemetry/resources') as typeof Resources;
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof TraceBase;
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof TraceNode;
  const { ATTR_SERVICE_NAME } = require('@opentelemetry/semantic-conventions') as typeof Conventions;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const resource = new Resource({ [ATTR_SERVICE_NAME]: serviceName });
  const processor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  active = { provider, processor, resource };
  return true;
}

/** True once tracing is on in this process. */
export function tracingEnabled(): boolean {
  return active !== undefined;
}

/** The span processor and resource workflow spans go through (the Temporal workflow exporter sink needs both); undefined when tracing is off. */
export function tracingPipeline(): { processor: SpanProcessor; resource: Resource } | undefined {
  return active && { processor: active.processor, resource: active.resource };
}

/** Exports what is still batched and stops tracing; for shutdown and tests. */
export async function stopTracing(): Promise<void> {
  const stopping = active;
  active = undefined;
  if (!stopping) return;
  await stopping.provider.forceFlush();
  await stopping.provider.shutdown();
  trace.disable();
  propagation.disable();
  context.disable();
}

/** The platform's tracer. */
export function platformTracer(): Tracer {
  return trace.getTracer('oioo');
}

/** Ends a span, marking it failed when the work threw. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) span.setStatus({ code: 2, message: error instanceof Error ? error.name : 'error' });
  span.end();
}
