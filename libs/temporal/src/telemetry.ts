import { OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor, makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/worker';
import { Runtime, type WorkerOptions } from '@temporalio/worker';
import { type MetricsConfig, tracingPipeline } from '@oioo/observability';

/**
 * Installs the process's Temporal runtime with the SDK's own metrics (pollers, task latencies and
 * failures, sticky cache, activity results) served for Prometheus on `METRICS_PORT`, durations in
 * seconds. The runtime exists once per process, so call it before the first connection; without a
 * port nothing is installed and the SDK's default runtime is used.
 */
export function installTemporalTelemetry(metrics: MetricsConfig): boolean {
  if (metrics.port === undefined) return false;
  Runtime.install({
    telemetryOptions: { metrics: { prometheus: { bindAddress: `${metrics.host}:${metrics.port}`, useSecondsForDurations: true } } },
  });
  return true;
}

/** The OpenTelemetry workflow interceptors module (inbound, outbound and the internals one, so no span context outlives its workflow). */
export const WORKFLOW_TRACING_MODULE = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** Workflow interceptor modules for the bundle: the tracing one when tracing is on, none otherwise (no cost in the sandbox). */
export function workflowTracingModules(): string[] {
  return tracingPipeline() ? [WORKFLOW_TRACING_MODULE] : [];
}

/** Worker options that trace activities and export the workflow sandbox's spans through a sink; empty when tracing is off. */
export function tracingWorkerOptions(): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  const pipeline = tracingPipeline();
  if (!pipeline) return {};
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: makeWorkflowExporter(pipeline.processor, pipeline.resource) },
  };
}
