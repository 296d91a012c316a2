import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { type ClientInterceptors } from '@temporalio/client';
import { tracingEnabled } from '@oioo/observability';

/**
 * Client interceptors that start a span per workflow start, signal, update and query and carry its context in
 * the headers; none when tracing is off. Kept apart from the worker's telemetry so client-only callers load no
 * `@temporalio/worker`.
 */
export function tracingClientInterceptors(): ClientInterceptors | undefined {
  return tracingEnabled() ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
}
