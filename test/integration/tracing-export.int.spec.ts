import { type IncomingMessage, type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import express from 'express';
import { Worker } from '@temporalio/worker';
import { Topics } from '@oioo/contracts';
import { EventConsumer, EventProducer, InMemoryKafkaTransport } from '@oioo/kafka';
import { httpMetricsMiddleware, startTracing, stopTracing } from '@oioo/observability';
import { bundleWorkflowsForWorker, createTemporalNativeConnection, temporalDataConverter, tracingWorkerOptions, workflowTracingModules } from '@oioo/temporal';
import { installQuietTemporalRuntime } from '@oioo/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the start-up probe is the local stack's own (infra), not a library's.
import { WorkerNotPollingError, probeWorker } from '../../infra/stack/worker-probe';
import { eventually, stackTemporalConfig, uniqueOpaqueId } from '../support/stack';

/** A span as OTLP/HTTP JSON carries it. */
interface ExportedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

/** An OTLP/HTTP receiver on loopback keeping every span it is sent, as a collector would receive them. */
async function startReceiver(): Promise<{ url: string; spans: ExportedSpan[]; paths: string[]; server: Server }> {
  const spans: ExportedSpan[] = [];
  const paths: string[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      paths.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans?: { scopeSpans?: { spans?: ExportedSpan[] }[] }[] };
      for (const resource of body.resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) spans.push(...(scope.spans ?? []));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, paths, server };
}

/**
 * Traces on: with OTEL_EXPORTER_OTLP_ENDPOINT set, a workflow started through the platform's client and run
 * by a worker with the platform's interceptors (its bundle carrying the workflow interceptors and the
 * internals one), an HTTP request and a Kafka publish and consume are exported by OTLP/HTTP, each in one trace.
 */
describe('traces exported by OTLP when an endpoint is configured (real server)', () => {
  it('exports client, workflow, HTTP and Kafka spans, with the context carried across', async () => {
    const receiver = await startReceiver();
    expect(startTracing('tracing-test', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url })).toBe(true);
    try {
      installQuietTemporalRuntime();
      const config = stackTemporalConfig();
      const taskQueue = `oioo-tracing-${uniqueOpaqueId('tq')}`;
      const worker = await Worker.create({
        connection: await createTemporalNativeConnection(config),
        namespace: config.namespace,
        taskQueue,
        workflowBundle: await bundleWorkflowsForWorker({ workflowsPath: require.resolve('@oioo/workflows-platform'), workflowInterceptorModules: workflowTracingModules() }),
        dataConverter: temporalDataConverter(config),
        ...tracingWorkerOptions(),
      });
      const probeId = uniqueOpaqueId('probe');
      const polled = (error: unknown) => (error instanceof WorkerNotPollingError ? false : Promise.reject(error));
      await worker.runUntil(eventually(() => probeWorker(config, 10_000, { taskQueue, probeId }).then(() => true, polled), (done) => done));

      const app = express();
      app.use(httpMetricsMiddleware());
      app.get('/cases/:caseId', (_request, response) => void response.json({ ok: true }));
      const api = app.listen(0, '127.0.0.1');
      await new Promise((resolvePromise) => api.once('listening', resolvePromise));
      await fetch(`http://127.0.0.1:${(api.address() as AddressInfo).port}/cases/case_01J9ZQ4X7K3M2N8P6R5T`);
      await new Promise((resolvePromise) => api.close(resolvePromise));

      const kafka = new InMemoryKafkaTransport();
      const producer = new EventProducer(kafka.createProducer());
      const consumer = new EventConsumer({ transport: kafka.createConsumer({ groupId: 'tracing-test' }), deadLetters: producer, groupId: 'tracing-test', maxAttempts: 1, retryBackoffMs: 1 });
      consumer.register(Topics.arrivalRecorded, () => undefined);
      await consumer.start();
      await producer.publish(Topics.arrivalRecorded, {
        subject: 'case_01J9ZQ4X7K3M2N8P6R5T',
        source: 'uk-border-force',
        data: {
          caseId: 'case_01J9ZQ4X7K3M2N8P6R5T',
          personId: 'per_01J9ZQ4X7K3M2N8P6R5T',
          arrivedAt: '2025-09-01T03:12:00Z',
          route: 'apprehended',
          departedFrom: 'FR',
          crossingEvidence: [{ kind: 'interception-record', reference: 'BF-2025-0001' }],
          biometricTemplate: 'tpl-3f9a1c7e5b2d4a60',
        },
        occurredAt: '2025-09-01T03:15:00Z',
      });
      const sent = kafka.sentTo(Topics.arrivalRecorded.name).at(-1);
      if (!sent) throw new Error('nothing was published');
      await kafka.deliver(Topics.arrivalRecorded.name, sent);
      await consumer.stop();
    } finally {
      await stopTracing();
      await new Promise((resolvePromise) => receiver.server.close(resolvePromise));
    }

    expect(receiver.paths[0]).toBe('POST /v1/traces application/json');
    const named = (name: string) => receiver.spans.filter((span) => span.name === name);
    const [start] = named('StartWorkflow:probeWorkflow');
    const [run] = named('RunWorkflow:probeWorkflow');
    expect(start).toBeDefined();
    expect(run?.traceId).toBe(start?.traceId);
    expect(named('SignalWorkflow:probeReply')).toHaveLength(1);
    expect(named('HTTP GET /cases/:caseId')).toHaveLength(1);
    const [publish] = named(`${Topics.arrivalRecorded.name} publish`);
    const [consume] = named(`${Topics.arrivalRecorded.name} process`);
    expect(consume?.traceId).toBe(publish?.traceId);
    expect(consume?.parentSpanId).toBe(publish?.spanId);
    expect(JSON.stringify(receiver.spans)).not.toContain('case_01J9ZQ4X7K3M2N8P6R5T');
  });
});
