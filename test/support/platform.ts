import { type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Client } from '@temporalio/client';
import { CaseworkAppModule } from '@oioo/casework';
import { createLogger } from '@oioo/config';
import { TaskQueues, retentionPolicyEnvSchema } from '@oioo/contracts';
import { IdentityAppModule } from '@oioo/identity';
import { EventConsumer } from '@oioo/kafka';
import { LegalReviewAppModule } from '@oioo/legal-review';
import { type TemporalWorker, createTemporalClient } from '@oioo/temporal';
import { clientSecretFrom } from '@oioo/local-oidc';
import { freePort, installQuietTemporalRuntime } from '@oioo/testing';
import { TransportAppModule } from '@oioo/transport';
import { ServiceClient, createEoiActivities, createLedgerActivities, createPlatformWorkers, createReadmissionActivities, createRetentionActivities, ensureLedger } from '@oioo/worker';
import { connectProducer } from './kafka-clients';
import { type RunningConsole, startPlatformConsole } from './platform-console';
import { caseworkClientEnvironment, workerTokenSource } from './service-tokens';
import { stackEnv, stackTemporalConfig, uniqueOpaqueId } from './stack';

/**
 * Points every Temporal client and worker created from here on at the casework service's data-key vault, with
 * the worker's client credentials (all components of the in-process platform share one environment); returns
 * how to put the environment back.
 */
function useVaultEnvironment(caseworkUrl: string): () => void {
  const names = ['TEMPORAL_CODEC_VAULT_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
  const saved = names.map((name) => [name, process.env[name]] as const);
  const secretsFile = stackEnv()['OIDC_CLIENT_SECRETS_FILE'] ?? '';
  process.env['TEMPORAL_CODEC_VAULT_URL'] = caseworkUrl;
  process.env['OIDC_CLIENT_ID'] = 'svc-worker';
  process.env['OIDC_CLIENT_SECRET'] = clientSecretFrom(secretsFile, 'svc-worker');
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** The whole platform running in the test process against the stack's real Temporal server and Kafka broker. */
export interface RunningPlatform {
  client: Client;
  /** The pilot of this run: a ledger of its own, so its counts are this run's cases only. */
  pilotId: string;
  urls: { identity: string; legalReview: string; transport: string; casework: string };
  apps: { identity: INestApplication; legalReview: INestApplication; transport: INestApplication; casework: INestApplication };
  /** The caseworker console over the casework API, on the address the stack's provider sends it back to. */
  console: RunningConsole;
  stop(): Promise<void>;
}

/**
 * Boots identity, legal-review, transport and casework (each on an embedded in-memory database and a free port)
 * and the console over casework,
 * then the worker with the readmission and EOI activities calling those services over HTTP and the
 * ledger's publishing its weekly reports to Kafka, starts this run's ledger, and waits until every
 * service's consumer has joined its group. `timeCompression` shortens every deadline and runs the
 * ledger's clock as fast, as the demonstration setting does, so a whole case runs in under a minute.
 * `retention` overrides `RETENTION_*` periods for the worker's retention sweep only (the services keep theirs).
 */
export async function startPlatform(options: { timeCompression: number; retention?: Record<string, string> }): Promise<RunningPlatform> {
  installQuietTemporalRuntime();
  const compression = String(options.timeCompression);
  process.env['READMISSION_TIME_COMPRESSION'] = compression;
  process.env['TRANSPORT_TIME_COMPRESSION'] = compression;
  process.env['LEGAL_ROUTE_TIME_COMPRESSION'] = compression;
  const pilotId = uniqueOpaqueId('pilot');
  process.env['PILOT_ID'] = pilotId;
  delete process.env['DATABASE_DIR'];
  const boot = async (module: Type<unknown>, port = 0) => {
    const app = await NestFactory.create(module, { logger: ['error', 'warn'], abortOnError: false });
    app.enableShutdownHooks();
    await app.listen(port, '127.0.0.1');
    return app;
  };
  // Every component's Temporal client must know the data-key vault (casework, S4) when it boots, and casework
  // must know the services' addresses (subject-access requests): so casework's port is chosen first.
  const caseworkPort = await freePort();
  const restoreVaultEnvironment = useVaultEnvironment(`http://127.0.0.1:${caseworkPort}`);
  const services = { identity: await boot(IdentityAppModule), legalReview: await boot(LegalReviewAppModule), transport: await boot(TransportAppModule) };
  const serviceUrls = { identity: await services.identity.getUrl(), legalReview: await services.legalReview.getUrl(), transport: await services.transport.getUrl() };
  // Casework reaches the services (subject-access requests) at their ports of this run, as its own client (svc-casework).
  const casework = await withEnvironment({ IDENTITY_URL: serviceUrls.identity, LEGAL_REVIEW_URL: serviceUrls.legalReview, TRANSPORT_URL: serviceUrls.transport, ...caseworkClientEnvironment() }, () =>
    boot(CaseworkAppModule, caseworkPort),
  );
  const apps = { ...services, casework };
  const urls = { ...serviceUrls, casework: await casework.getUrl() };
  const consoleServer = await startPlatformConsole(urls.casework);
  // --- Service-to-service auth: the services admit the worker's client-credentials token (svc-worker, its
  // secret from the stack's OIDC_CLIENT_SECRETS_FILE), which its ServiceClients get from the stack's provider.
  const tokens = workerTokenSource();
  const clients = {
    identity: new ServiceClient('identity', urls.identity, tokens),
    legalReview: new ServiceClient('legal-review', urls.legalReview, tokens),
    transport: new ServiceClient('transport', urls.transport, tokens),
  };
  // --- end of service-to-service auth.
  const client = await createTemporalClient(stackTemporalConfig());
  const producer = await connectProducer('e2e-worker');
  const logger = createLogger('e2e-worker');
  const activities = {
    [TaskQueues.readmission]: createReadmissionActivities(clients),
    [TaskQueues.legalRoute]: createEoiActivities({ ...clients, temporalClient: client }),
    [TaskQueues.equivalence]: createLedgerActivities({ producer }),
    // S4: the retention sweep, run when a scenario starts it (the platform creates no Schedule of its own).
    [TaskQueues.platform]: createRetentionActivities({
      identity: clients.identity,
      casework: new ServiceClient('casework', urls.casework, tokens),
      temporalClient: client,
      policy: retentionPolicyEnvSchema.parse({ ...process.env, ...options.retention }),
    }),
  };
  const workers: TemporalWorker[] = await createPlatformWorkers(stackTemporalConfig(), logger, { activities });
  const running = workers.map((worker) => worker.run());
  const stopWorkers = async () => {
    for (const { worker } of workers) worker.shutdown();
    await Promise.all(running);
    await workers[0]?.connection.close();
  };
  await ensureLedger(client, { pilotId, policy: { timeCompression: options.timeCompression } }, logger);
  // The casework service consumes no events; the others wait until their consumers have joined.
  await Promise.all([apps.identity, apps.legalReview, apps.transport].map((app) => app.get(EventConsumer).waitUntilJoined(60_000)));
  return {
    client,
    pilotId,
    urls,
    apps,
    console: consoleServer,
    stop: async () => {
      await consoleServer.stop();
      await stopWorkers();
      await client.connection.close();
      await producer.disconnect();
      for (const app of Object.values(apps)) await app.close();
      restoreVaultEnvironment();
    },
  };
}

/** Runs `work` with `variables` set in the environment (read once as a service boots), then puts the environment back. */
async function withEnvironment<T>(variables: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
