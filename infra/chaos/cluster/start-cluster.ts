import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { parseConfig } from '@oioo/config';
import { retentionPolicyEnvSchema, topicsToProvision } from '@oioo/contracts';
import { loadTemporalConfig } from '@oioo/temporal';
import { ensureTopics, loadKafkaConfig } from '@oioo/kafka';
import { type ThrowawayPostgres, startThrowawayPostgres } from '@oioo/testing';
import { serviceClientEnvironment, oidcDiscoveryUrl, oidcIssuerUrl, startOidcProvider } from '../../oidc/oidc-stack';
import type { ServiceClientId } from '../../oidc/oidc-contract';
import { startNodeComponent } from '../../stack/components';
import { REPO_ROOT, TS_REGISTER } from '../../stack/repo-paths';
import { say, step } from '../../stack/console-progress';
import { stackEnvironment } from '../../stack/local-stack';
import { isHttpHealthy, isPortOpen, waitUntil } from '../../stack/ports';
import { provisionTools } from '../../stack/provision';
import { runCommand } from '../../stack/shell';
import type { StackProfile } from '../../stack/stack-profile';
import { ToolPaths } from '../../stack/tool-paths';
import { probeWorker } from '../../stack/worker-probe';
import { startTemporalDevServer, temporalAddress } from '../../temporal/dev-server';
import {
  type ClientComponent,
  type ClusterLayout,
  type ProxyLayout,
  clusterLayout,
  directKafkaBrokers,
  proxiedKafkaBrokers,
  proxiedTemporalAddress,
} from './cluster-layout';
import { type ClusterProcessInfo, type ProcessKind, ProcessTable } from './cluster-processes';
import { prepareKafkaCluster, startKafkaNode } from './kafka-cluster';
import { ToxiproxyClient } from './toxiproxy-client';
import { startToxiproxyServer } from './toxiproxy-server';

/** The services the cluster runs, each with its database name in the shared PostgreSQL server. */
const SERVICES = [
  { component: 'identity', entry: 'services/identity/src/main.ts', database: 'identity' },
  { component: 'legal-review', entry: 'services/legal-review/src/main.ts', database: 'legal_review' },
  { component: 'transport', entry: 'services/transport/src/main.ts', database: 'transport' },
  { component: 'casework', entry: 'services/casework/src/main.ts', database: 'casework' },
] as const;

/** What `startCluster` brings up. */
export interface ClusterOptions {
  profile: StackProfile;
  /** `full` (default): the whole platform; `kafka`: Toxiproxy and the three Kafka nodes with the catalogue's topics only. */
  scope?: 'full' | 'kafka';
  /** Instances of each of identity, legal-review and transport (default 2), of casework (default 1), and workers (default 2). */
  instances?: { services?: number; casework?: number; workers?: number };
  /** Added to every platform component's environment (time compression, log level). */
  environment?: NodeJS.ProcessEnv;
  /** Called when a process dies without the cluster having killed it. */
  onUnexpectedExit?: (name: string, code: number | null) => void;
}

/** A running chaos cluster: its processes by name, its proxies, its addresses. */
export interface ChaosCluster {
  layout: ClusterLayout;
  /** Every process with its kind, pid and whether it runs. */
  processes(): ClusterProcessInfo[];
  /** The names of the processes of a kind (`kafka-1`, `worker-2`, `identity-1`, `temporal`). */
  names(kind: ProcessKind): string[];
  /** Signals a process (SIGKILL by default) and waits for it to exit. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a killed process again the way it was started, and waits until it is healthy. */
  restart(name: string): Promise<void>;
  isRunning(name: string): boolean;
  isHealthy(name: string): Promise<boolean>;
  /** The Toxiproxy API client and the proxies of each link (`link:identity:kafka` has one proxy per broker). */
  toxiproxy: ToxiproxyClient;
  proxies: ProxyLayout[];
  proxiesOf(link: string): string[];
  /** Addresses the harness uses: direct, never through a proxy, so the recorder is not faulted with the platform. */
  urls: { kafkaDirect: string; temporalDirect: string; oidcIssuer: string; toxiproxyApi: string; casework?: string; postgres?: string; services: Record<string, string> };
  /** The environment a harness client (recorder, workload driver) runs with: direct addresses, codec keys, OIDC. */
  harnessEnvironment: NodeJS.ProcessEnv;
  /** Stops everything, clients first, and deletes nothing but the throwaway PostgreSQL. */
  stop(): Promise<void>;
}

/**
 * Brings up the chaos cluster (issue 11): three KRaft Kafka nodes, the Temporal dev server on its SQLite file,
 * the OIDC provider, one PostgreSQL server shared by the instances of each service, Toxiproxy with a proxy per
 * (client component, upstream), two workers and two instances of each service (one casework: see README).
 * Each is an OS process of its own started the documented way, so the nemesis can kill -9 and restart it.
 * It starts from an empty data folder every time (the profile's, deleted first); logs stay there after `stop()`.
 */
export async function startCluster(options: ClusterOptions): Promise<ChaosCluster> {
  const { profile } = options;
  // A chaos cluster is thrown away: its PostgreSQL is, so Temporal's and Kafka's data must be too, or they would
  // disagree. First of all, since the environments below make the codec keys and client secrets in that folder.
  rmSync(profile.dataDir, { recursive: true, force: true });
  const layout = clusterLayout(profile);
  const table = new ProcessTable(options.onUnexpectedExit ?? ((name, code) => say('chaos', `${name} exited unexpectedly with code ${code}`)));
  const toxiproxyApi = `http://127.0.0.1:${layout.toxiproxyApiPort}`;
  const toxiproxy = new ToxiproxyClient(toxiproxyApi);
  let postgres: ThrowawayPostgres | undefined;
  const stop = async () => {
    await table.stopAll();
    await postgres?.stop();
  };
  const serviceUrls: Record<string, string> = {};
  const harnessEnvironment: NodeJS.ProcessEnv = { ...stackEnvironment(profile), KAFKA_BROKERS: directKafkaBrokers(layout), TEMPORAL_ADDRESS: temporalAddress(profile) };

  try {
    await provisionTools();
    await step('toxiproxy', `starting Toxiproxy (API ${toxiproxyApi}) and ${layout.proxies.length} proxies`, async () => {
      await table.add({
        name: 'toxiproxy',
        kind: 'toxiproxy',
        start: () => startToxiproxyServer(layout.toxiproxyApiPort, join(profile.logDir, 'toxiproxy.log')),
        healthy: () => isHttpHealthy(`${toxiproxyApi}/version`),
        readyTimeoutMs: 20_000,
      });
      for (const proxy of layout.proxies) await toxiproxy.createProxy(proxy.name, `127.0.0.1:${proxy.listenPort}`, `127.0.0.1:${proxy.upstreamPort}`);
    });
    await step('kafka', `starting a three-node KRaft cluster on ${directKafkaBrokers(layout)}`, async () => {
      await prepareKafkaCluster(layout);
      // The quorum needs a majority before any node serves, so the three start together.
      await Promise.all(
        layout.brokers.map((broker) =>
          table.add({ name: broker.name, kind: 'kafka', start: () => startKafkaNode(layout, broker), healthy: () => isPortOpen(broker.port), readyTimeoutMs: 120_000 }),
        ),
      );
      const topics = topicsToProvision(parseConfig('chaos', retentionPolicyEnvSchema, harnessEnvironment)['dead-letters'].ms);
      await ensureTopics(loadKafkaConfig({ KAFKA_BROKERS: directKafkaBrokers(layout) }), topics);
    });
    if ((options.scope ?? 'full') === 'full') {
      postgres = await startPlatform(options, layout, table, harnessEnvironment, serviceUrls);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    layout,
    processes: () => table.list(),
    names: (kind) => table.names(kind),
    kill: (name, signal) => table.kill(name, signal),
    restart: (name) => table.restart(name),
    isRunning: (name) => table.isRunning(name),
    isHealthy: (name) => table.isHealthy(name),
    toxiproxy,
    proxies: layout.proxies,
    proxiesOf: (link) => layout.proxies.filter((proxy) => proxy.link === link).map((proxy) => proxy.name),
    urls: {
      kafkaDirect: directKafkaBrokers(layout),
      temporalDirect: temporalAddress(profile),
      oidcIssuer: oidcIssuerUrl(profile),
      toxiproxyApi,
      ...(serviceUrls['casework-1'] ? { casework: serviceUrls['casework-1'] } : {}),
      ...(postgres ? { postgres: `127.0.0.1:${postgres.port}` } : {}),
      services: serviceUrls,
    },
    harnessEnvironment,
    stop,
  };
}

/** Temporal, the provider, PostgreSQL, then the workers and service instances; returns the PostgreSQL server to stop last. */
async function startPlatform(options: ClusterOptions, layout: ClusterLayout, table: ProcessTable, harnessEnvironment: NodeJS.ProcessEnv, serviceUrls: Record<string, string>): Promise<ThrowawayPostgres> {
  const { profile } = options;
  const temporalHealthy = async () => {
    try {
      return (await runCommand(ToolPaths.temporalCli, ['operator', 'cluster', 'health', '--address', temporalAddress(profile)], { hint: '' })).includes('SERVING');
    } catch {
      return false;
    }
  };
  const workflowBundle = join(profile.dataDir, 'workflow-bundle.js');
  await Promise.all([
    // Built once, the production way (`nx run worker:bundle`), so a restart spends no CPU on webpack (3.5 s on an idle
    // machine) while the other worker carries every case (see README).
    step('bundle', `building the workflow bundle once for every worker (${workflowBundle})`, () =>
      runCommand(process.execPath, ['-r', TS_REGISTER, join(REPO_ROOT, 'workflows/worker/src/bundle.ts'), workflowBundle], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...options.environment },
        hint: 'Run `npx nx run worker:bundle` to see the bundler error in full.',
      }),
    ),
    step('temporal', `starting the Temporal dev server on ${temporalAddress(profile)} (SQLite file)`, () =>
      table.add({ name: 'temporal', kind: 'temporal', start: () => startTemporalDevServer(profile, { ui: false }), healthy: temporalHealthy, readyTimeoutMs: 60_000 }),
    ),
    step('oidc', `starting the OpenID Connect provider at ${oidcIssuerUrl(profile)}`, () =>
      table.add({ name: 'oidc', kind: 'oidc', start: () => startOidcProvider(profile), healthy: () => isHttpHealthy(oidcDiscoveryUrl(profile)), readyTimeoutMs: 30_000 }),
    ),
  ]);
  // The instances of a service share its data the production way: one PostgreSQL database per service.
  const postgres = await step('postgres', `starting PostgreSQL on 127.0.0.1:${layout.postgresPort}`, async () => {
    const server = await startThrowawayPostgres({ dataDir: join(profile.dataDir, 'postgres'), port: layout.postgresPort, log: (line) => say('postgres', line) });
    const admin = new PgClient({ connectionString: server.url });
    await admin.connect();
    try {
      for (const service of SERVICES) await admin.query(`CREATE DATABASE ${service.database}`);
    } finally {
      await admin.end();
    }
    return server;
  });

  const counts = { services: options.instances?.services ?? 2, casework: options.instances?.casework ?? 1, workers: options.instances?.workers ?? 2 };
  const countOf = (component: ClientComponent) => (component === 'casework' ? counts.casework : component === 'worker' ? counts.workers : counts.services);
  const url = (component: ClientComponent, instance: number) => `http://127.0.0.1:${layout.instancePorts(component, instance).http}`;
  // No load balancer: instance n of a caller talks to instance n of each service (or the last one there is).
  const peerUrl = (component: ClientComponent, instance: number) => url(component, Math.min(instance, countOf(component)));
  const clientEnvironment = (component: ClientComponent, instance: number): NodeJS.ProcessEnv => ({
    ...stackEnvironment(profile),
    NODE_ENV: 'development',
    ...options.environment,
    TEMPORAL_ADDRESS: proxiedTemporalAddress(layout, component),
    KAFKA_BROKERS: proxiedKafkaBrokers(layout, component),
    KAFKA_CLIENT_ID: `${component}-${instance}`,
    IDENTITY_URL: peerUrl('identity', instance),
    LEGAL_REVIEW_URL: peerUrl('legal-review', instance),
    TRANSPORT_URL: peerUrl('transport', instance),
    CASEWORK_URL: peerUrl('casework', instance),
    // Every component but casework finds the data-key vault (S4) at casework.
    TEMPORAL_CODEC_VAULT_URL: peerUrl('casework', instance),
    ...serviceClientEnvironment(profile, `svc-${component}` as ServiceClientId),
  });

  await step('platform', `starting ${counts.workers} workers and the service instances`, async () => {
    const starts: Promise<unknown>[] = [];
    for (let instance = 1; instance <= counts.workers; instance += 1) {
      const name = `worker-${instance}`;
      const metricsPort = layout.instancePorts('worker', instance).metrics;
      starts.push(
        table.add({
          name,
          kind: 'worker',
          component: 'worker',
          start: async () =>
            startNodeComponent(profile, name, 'workflows/worker/src/main.ts', { ...clientEnvironment('worker', instance), WORKER_WORKFLOW_BUNDLE: workflowBundle, METRICS_PORT: String(metricsPort) }),
          healthy: () => isPortOpen(metricsPort),
          readyTimeoutMs: 180_000,
        }),
      );
    }
    for (const service of SERVICES) {
      for (let instance = 1; instance <= countOf(service.component); instance += 1) {
        const name = `${service.component}-${instance}`;
        const ports = layout.instancePorts(service.component, instance);
        serviceUrls[name] = url(service.component, instance);
        starts.push(
          table.add({
            name,
            kind: 'service',
            component: service.component,
            start: async () =>
              startNodeComponent(profile, name, service.entry, {
                ...clientEnvironment(service.component, instance),
                HTTP_PORT: String(ports.http),
                METRICS_PORT: String(ports.metrics),
                DATABASE_DRIVER: 'postgres',
                DATABASE_URL: postgres.url.replace(/\/[^/]+$/, `/${service.database}`),
              }),
            healthy: () => isHttpHealthy(`${serviceUrls[name]}/health`),
            readyTimeoutMs: 180_000,
          }),
        );
      }
    }
    await Promise.all(starts);
    await waitUntil(
      async () => {
        try {
          await probeWorker(loadTemporalConfig(harnessEnvironment), 5_000);
          return true;
        } catch {
          return false;
        }
      },
      120_000,
      'a worker to complete a probe workflow',
      `Read the workers' logs in ${profile.logDir}`,
    );
  });
  return postgres;
}
