import { ClientCredentialsTokenSource, loadClientCredentialsConfig } from '@oioo/auth';
import { createLogger } from '@oioo/config';
import { DEAD_LETTER_SUFFIX, TaskQueues, ledgerWorkflowId, topicsToProvision } from '@oioo/contracts';
import { EventProducer, alignTopicRetention, createKafkaJsTransport } from '@oioo/kafka';
import { loadMetricsConfig, startTracing, stopTracing } from '@oioo/observability';
import { createTemporalClient, installTemporalTelemetry, loadTemporalConfig } from '@oioo/temporal';
import { loadWorkerConfig } from './worker-config';
import { createEoiActivities } from './activities/eoi.activities';
import { createLedgerActivities } from './activities/ledger.activities';
import { createReadmissionActivities } from './activities/readmission.activities';
import { createRetentionActivities } from './activities/retention.activities';
import { ServiceClient } from './activities/service-client';
import { watchForDivergedTask } from './ledger/diverged-task-reset';
import { ensureLedger } from './ledger/ensure-ledger';
import { ensureRetentionSchedule } from './retention/ensure-retention-schedule';
import { createPlatformWorkers } from './worker';

/** Worker process entry: runs until SIGINT/SIGTERM, which the Temporal runtime turns into a graceful shutdown. */
async function main(): Promise<void> {
  const logger = createLogger('worker');
  const temporal = loadTemporalConfig(process.env);
  const settings = loadWorkerConfig(process.env);
  const metrics = loadMetricsConfig(process.env);
  // Both before the first connection: the runtime exists once per process, and the interceptors are chosen as clients and workers are made.
  if (installTemporalTelemetry(metrics)) logger.info('Temporal SDK metrics listening', { url: `http://${metrics.host}:${metrics.port}/metrics` });
  startTracing('worker');
  // The services admit only callers with a client-credentials token: the worker's own (svc-worker), shared by every activity.
  const tokens = new ClientCredentialsTokenSource(loadClientCredentialsConfig(process.env, 'worker'));
  const services = {
    identity: new ServiceClient('identity', settings.IDENTITY_URL, tokens),
    legalReview: new ServiceClient('legal-review', settings.LEGAL_REVIEW_URL, tokens),
    transport: new ServiceClient('transport', settings.TRANSPORT_URL, tokens),
  };
  const casework = new ServiceClient('casework', settings.CASEWORK_URL, tokens);
  // A first token now, so a wrong secret shows in the log at start rather than at the first activity; never fatal (the provider may start later).
  tokens.token().then(
    () => logger.info('service access token obtained', { clientId: tokens.clientId }),
    (error: unknown) => logger.warn('no service access token yet; activities will retry', { clientId: tokens.clientId, error: error instanceof Error ? error.message : String(error) }),
  );
  // No Nest app here, so the producer is built straight from libs/kafka's factories; it connects on first publish.
  const producer = new EventProducer(
    createKafkaJsTransport({ config: settings.kafka, clientId: 'oioo-worker', logger: logger.child({ role: 'kafka' }) }).createProducer(),
    logger.child({ role: 'producer' }),
  );
  // The EOI activities reach the ledger through this client; ensureLedger starts the ledger with it.
  const client = await createTemporalClient(temporal);
  const workers = await createPlatformWorkers(temporal, logger, {
    ...(settings.WORKER_WORKFLOW_BUNDLE ? { bundlePath: settings.WORKER_WORKFLOW_BUNDLE } : {}),
    activities: {
      [TaskQueues.readmission]: createReadmissionActivities(services),
      [TaskQueues.legalRoute]: createEoiActivities({ ...services, temporalClient: client }),
      [TaskQueues.equivalence]: createLedgerActivities({ producer }),
      [TaskQueues.platform]: createRetentionActivities({ identity: services.identity, casework, temporalClient: client, policy: settings.retention }),
    },
  });
  // S4: dead-letter topics created before the policy changed take its period now; a cluster that refuses costs a warning, never the worker.
  alignTopicRetention(settings.kafka, topicsToProvision(settings.retention['dead-letters'].ms).filter((topic) => topic.name.endsWith(DEAD_LETTER_SUFFIX))).then(
    (altered) => logger.info('dead-letter retention aligned with the policy', { altered: altered.length, retentionMs: settings.retention['dead-letters'].ms }),
    (error: unknown) => logger.warn('dead-letter retention not aligned; topics keep their retention until the next start', { error: error instanceof Error ? error.message : String(error) }),
  );
  logger.info('polling', { taskQueues: workers.map(({ worker }) => worker.options.taskQueue).join(',') });
  const running = Promise.all(workers.map((worker) => worker.run()));
  try {
    // Once the workers poll, so the ledger's first task is picked up at once; EOIs retry until it exists.
    await ensureLedger(client, settings.ledger, logger);
    // S4: the retention sweep runs on a Schedule every worker ensures; the first sweep is due one interval after it is created.
    await ensureRetentionSchedule(client, settings.RETENTION_SWEEP_INTERVAL.ms, logger);
  } catch (error) {
    // Without a ledger no EOI can get places: stop rather than run half a platform.
    for (const { worker } of workers) {
      try {
        worker.shutdown();
      } catch {
        // Already stopping (a signal arrived meanwhile); the error that matters is the ledger's.
      }
    }
    await running.catch(() => undefined);
    await client.connection.close();
    throw error;
  }
  // Every EOI waits on the one ledger, so a task of it that diverged on replay is reset at once, not left for a person.
  const stopWatching =
    settings.LEDGER_DIVERGENCE_CHECK === 'off' ? () => undefined : watchForDivergedTask(client, ledgerWorkflowId(settings.ledger.pilotId), settings.LEDGER_DIVERGENCE_CHECK.ms, logger);
  await running;
  stopWatching();
  await workers[0]?.connection.close();
  await client.connection.close();
  await producer.disconnect();
  await stopTracing();
  logger.info('stopped');
}

main().catch((error: unknown) => {
  process.stderr.write(`worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
