import { randomUUID } from 'node:crypto';
import { Topics } from '@oioo/contracts';
import { EventConsumer, EventProducer, createKafkaJsTransport, loadKafkaConfig } from '@oioo/kafka';
import { type MetricsEndpoint, startMetricsEndpoint } from '@oioo/observability';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the local stack's own process start and Prometheus (infra), as npm start runs them.
import { startNodeComponent } from '../../infra/stack/components';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above.
import { consoleEnvironment } from '../../infra/stack/console-stack';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above.
import { serviceClientEnvironment } from '../../infra/oidc/oidc-stack';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above.
import { prometheusUrl, startPrometheus } from '../../infra/prometheus/prometheus-server';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above.
import { testProfile as profile } from '../../infra/stack/stack-profile';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above.
import type { SupervisedProcess } from '../../infra/stack/supervised-process';
import { freePort } from '@oioo/testing';
import { eventually, stackEnv, uniqueOpaqueId } from '../support/stack';

/** The series each target must show once scraped, by job (and component for the services job). */
const EXPECTED_SERIES: readonly { target: string; selector: string }[] = [
  { target: 'temporal-server', selector: 'service_requests{job="temporal-server"}' },
  { target: 'temporal-server', selector: 'persistence_requests{job="temporal-server"}' },
  { target: 'worker', selector: 'temporal_num_pollers{job="worker",poller_type="workflow_task"}' },
  { target: 'worker', selector: 'temporal_worker_start{job="worker"}' },
  { target: 'worker', selector: 'temporal_workflow_task_schedule_to_start_latency_bucket{job="worker"}' },
  { target: 'worker', selector: 'temporal_request{job="worker"}' },
  { target: 'casework', selector: 'oioo_http_requests_total{component="casework",route="/health"}' },
  { target: 'casework', selector: 'oioo_http_request_duration_seconds_bucket{component="casework"}' },
  { target: 'casework', selector: 'oioo_cases_on_hold{component="casework",kind="readmission"}' },
  { target: 'casework', selector: 'oioo_cases_past_deadline{component="casework",kind="eoi"}' },
  { target: 'casework', selector: 'oioo_cases_past_deadline_without_alert{component="casework",kind="readmission"}' },
  { target: 'casework', selector: 'oioo_cases_open{component="casework",kind="readmission",state="screening"}' },
  { target: 'casework', selector: 'oioo_cases_open{component="casework",kind="eoi",state="other"}' },
  { target: 'casework', selector: 'oioo_ledger_imbalance{component="casework"}' },
  { target: 'casework', selector: 'oioo_ledger_tolerance{component="casework"}' },
  { target: 'casework', selector: 'oioo_ledger_balance{component="casework",figure="readmissions"}' },
  { target: 'casework', selector: 'oioo_business_gauges_refreshed_timestamp_seconds{component="casework"}' },
  { target: 'casework', selector: 'process_resident_memory_bytes{component="casework"}' },
  { target: 'console', selector: 'oioo_http_requests_total{component="console",route="/health"}' },
  { target: 'kafka consumer', selector: 'oioo_kafka_consumer_lag{component="kafka-consumer",topic="border-force.arrival.recorded.v1"}' },
  { target: 'kafka consumer', selector: 'oioo_kafka_consumer_messages_total{component="kafka-consumer",outcome="dead-lettered"}' },
  { target: 'kafka consumer', selector: 'oioo_kafka_dead_letters_total{component="kafka-consumer",kind="invalid"}' },
  { target: 'kafka consumer', selector: 'oioo_kafka_consumer_errors_total{component="kafka-consumer",reason="invalid"}' },
  { target: 'prometheus', selector: 'prometheus_build_info{job="prometheus"}' },
];

async function prometheusApi<T>(path: string): Promise<T> {
  const response = await fetch(`${prometheusUrl(profile)}/api/v1/${path}`);
  const body = (await response.json()) as { status: string; data: T };
  if (body.status !== 'success') throw new Error(`Prometheus answered ${JSON.stringify(body)}`);
  return body.data;
}

/**
 * The local stack's metrics as `npm start` wires them, on the real server and broker: the worker, the
 * casework API and the console as their own processes with METRICS_PORT, the Temporal dev server's own
 * port, and a Kafka consumer of a group of its own (the consuming services' groups belong to the other
 * tests), all scraped by a real Prometheus with the stack's configuration and alert rules.
 */
describe('Prometheus scraping the stack (real processes, real Prometheus)', () => {
  const children: SupervisedProcess[] = [];
  let prometheus: SupervisedProcess | undefined;
  let consumer: EventConsumer | undefined;
  let producer: EventProducer | undefined;
  let consumerMetrics: MetricsEndpoint | undefined;

  afterAll(async () => {
    await consumer?.stop();
    await producer?.disconnect();
    await consumerMetrics?.close();
    for (const child of [...children, ...(prometheus ? [prometheus] : [])].reverse()) await child.stop();
  });

  it('finds every target up, the expected series of each, and the alert rules loaded', async () => {
    const pilotId = uniqueOpaqueId('pilot');
    const base: NodeJS.ProcessEnv = { ...stackEnv(), PILOT_ID: pilotId, METRICS_REFRESH_SECONDS: '1', DATABASE_DRIVER: 'pglite' };
    delete base['DATABASE_DIR'];
    const [caseworkPort, consolePort] = [await freePort(), await freePort()];
    const caseworkUrl = `http://127.0.0.1:${caseworkPort}`;
    children.push(
      startNodeComponent(profile, 'scrape-worker', 'workflows/worker/src/main.ts', { ...base, ...serviceClientEnvironment(profile, 'svc-worker'), METRICS_PORT: String(profile.metrics.worker) }),
      startNodeComponent(profile, 'scrape-casework', 'services/casework/src/main.ts', {
        ...base,
        ...serviceClientEnvironment(profile, 'svc-casework'),
        HTTP_PORT: String(caseworkPort),
        METRICS_PORT: String(profile.metrics.casework),
      }),
      startNodeComponent(profile, 'scrape-console', 'services/console/src/main.ts', {
        ...base,
        ...consoleEnvironment(profile, caseworkUrl),
        HTTP_PORT: String(consolePort),
        METRICS_PORT: String(profile.metrics.console),
      }),
    );

    // A consumer of its own group, exporting on the transport service's metrics port as a service would; one unreadable message gives it a dead letter.
    const transport = createKafkaJsTransport({ config: loadKafkaConfig(stackEnv()), clientId: 'scrape-test' });
    producer = new EventProducer(transport.createProducer());
    consumer = new EventConsumer({ transport: transport.createConsumer({ groupId: `scrape-test-${randomUUID()}` }), deadLetters: producer, groupId: 'scrape-test', maxAttempts: 1, retryBackoffMs: 1, fromBeginning: true, lagRefreshMs: 1000 });
    consumer.register(Topics.arrivalRecorded, () => undefined);
    await consumer.start();
    consumerMetrics = await startMetricsEndpoint('kafka-consumer', { port: profile.metrics.transport, host: '127.0.0.1', refreshSeconds: 1 });
    await producer.publishRaw(Topics.arrivalRecorded.name, null, 'scrape test: not an event');

    prometheus = await startPrometheus(profile, {
      scrapeInterval: '1s',
      services: [
        { component: 'casework', port: profile.metrics.casework },
        { component: 'console', port: profile.metrics.console },
        { component: 'kafka-consumer', port: profile.metrics.transport },
      ],
    });

    // Requests the HTTP series count: each service's health route, once it answers.
    for (const url of [`${caseworkUrl}/health`, `http://127.0.0.1:${consolePort}/health`]) {
      await eventually(async () => {
        for (const child of children) child.assertRunning();
        return (await fetch(url)).status;
      }, (status) => status === 200, 90_000);
    }

    const targets = await eventually(
      () => prometheusApi<{ activeTargets: { labels: Record<string, string>; health: string; lastError: string }[] }>('targets'),
      ({ activeTargets }) => activeTargets.length === 6 && activeTargets.every((target) => target.health === 'up'),
      60_000,
    );
    expect(targets.activeTargets.map((target) => target.labels['component'] ?? target.labels['job']).sort()).toEqual(
      ['casework', 'console', 'kafka-consumer', 'prometheus', 'temporal-server', 'worker'].sort(),
    );

    for (const { target, selector } of EXPECTED_SERIES) {
      const found = await eventually(
        () => prometheusApi<{ result: unknown[] }>(`query?query=${encodeURIComponent(`count(${selector})`)}`),
        ({ result }) => result.length > 0,
        60_000,
      ).catch(() => undefined);
      expect({ target, selector, found: found !== undefined }).toEqual({ target, selector, found: true });
    }

    const rules = await prometheusApi<{ groups: { rules: { name: string; type: string; health: string }[] }[] }>('rules');
    const alerts = rules.groups.flatMap((group) => group.rules).filter((rule) => rule.type === 'alerting');
    expect(alerts.map((rule) => rule.name).sort()).toEqual(
      ['CasesPastDeadlineWithoutAlert', 'DeadLetterGrowth', 'KafkaConsumerLagNotDraining', 'LedgerImbalanceBeyondTolerance', 'ScheduleToStartLatencyHigh', 'ScrapeTargetDown', 'WorkerStoppedPolling', 'WorkflowNonDeterminism', 'WorkflowTaskFailures'].sort(),
    );
    expect(alerts.every((rule) => rule.health !== 'err')).toBe(true);
  }, 240_000);
});
