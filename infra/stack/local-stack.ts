import { join } from 'node:path';
import { parseConfig } from '@oioo/config';
import { retentionPolicyEnvSchema, topicsToProvision } from '@oioo/contracts';
import { ensureTopics, loadKafkaConfig } from '@oioo/kafka';
import { step } from './console-progress';
import { localCodecKeys } from './codec-keys';
import { kafkaBrokers, startKafkaBroker } from '../kafka/kafka-broker';
import { oidcEnvironment, oidcIssuerUrl, startOidcProvider } from '../oidc/oidc-stack';
import type { StackProfile } from './stack-profile';
import type { SupervisedProcess } from './supervised-process';
import { startTemporalDevServer, temporalAddress } from '../temporal/dev-server';

/** The environment every component of a local stack runs with: where Temporal, Kafka and the OpenID Connect provider are, and the codec keys. */
export function stackEnvironment(profile: StackProfile): NodeJS.ProcessEnv {
  const codec = localCodecKeys(join(profile.dataDir, 'codec-keys'));
  return {
    ...process.env,
    TEMPORAL_ADDRESS: temporalAddress(profile),
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_CODEC_KEYS: codec.keys,
    TEMPORAL_CODEC_ACTIVE_KEY: codec.activeKey,
    KAFKA_BROKERS: kafkaBrokers(profile),
    // Where the worker's activities reach the services of this profile.
    IDENTITY_URL: `http://127.0.0.1:${profile.services.identity}`,
    LEGAL_REVIEW_URL: `http://127.0.0.1:${profile.services.legalReview}`,
    TRANSPORT_URL: `http://127.0.0.1:${profile.services.transport}`,
    CASEWORK_URL: `http://127.0.0.1:${profile.services.casework}`,
    // OIDC_ISSUER_URL, OIDC_AUDIENCE, OIDC_SERVICE_AUDIENCE, OIDC_CLIENT_SECRETS_FILE; each component's own client comes from serviceClientEnvironment.
    ...oidcEnvironment(profile),
  };
}

/**
 * Where the components find the data-key vault of case payloads (S4): the casework service. Casework itself
 * uses its vault in-process; the start-up probe's client has none, so its probe payloads use the key ring.
 */
export function vaultEnvironment(profile: StackProfile): { TEMPORAL_CODEC_VAULT_URL: string } {
  return { TEMPORAL_CODEC_VAULT_URL: `http://127.0.0.1:${profile.services.casework}` };
}

/**
 * One time compression for every party (1 = real time), or the simulated agencies and the case deadlines
 * drift apart: readmission, legal-route, ledger and transport deadlines, and the agency simulator.
 */
export function timeCompressionEnvironment(compression: number): NodeJS.ProcessEnv {
  const value = String(compression);
  return {
    READMISSION_TIME_COMPRESSION: value,
    LEGAL_ROUTE_TIME_COMPRESSION: value,
    LEDGER_TIME_COMPRESSION: value,
    TRANSPORT_TIME_COMPRESSION: value,
    SIM_TIME_COMPRESSION: value,
  };
}

/** A service's own environment: where it listens (API and metrics) and where its embedded database keeps its files. */
export function serviceEnvironment(profile: StackProfile, base: NodeJS.ProcessEnv, service: { name: string; port: number; metricsPort?: number }): NodeJS.ProcessEnv {
  return {
    ...base,
    HTTP_PORT: String(service.port),
    ...(service.metricsPort === undefined ? {} : { METRICS_PORT: String(service.metricsPort) }),
    DATABASE_DRIVER: 'pglite',
    DATABASE_DIR: join(profile.dataDir, 'db', service.name),
  };
}

/** Temporal, Kafka and the OpenID Connect provider of a local stack, started and ready, with the catalogue's topics created. */
export interface Infrastructure {
  temporal: SupervisedProcess;
  kafka: SupervisedProcess;
  oidc: SupervisedProcess;
}

/** Starts the Temporal dev server, the Kafka broker and the OpenID Connect provider side by side, then creates the catalogue's topics. */
export async function startInfrastructure(profile: StackProfile, options: { ui: boolean }, track: (process: SupervisedProcess) => void): Promise<Infrastructure> {
  const [temporal, kafka, oidc] = await Promise.all([
    step('temporal', `starting the Temporal dev server on ${temporalAddress(profile)}`, async () => {
      const server = await startTemporalDevServer(profile, options);
      track(server);
      return server;
    }),
    step('kafka', `starting the Kafka broker on ${kafkaBrokers(profile)}`, async () => {
      const broker = await startKafkaBroker(profile);
      track(broker);
      return broker;
    }),
    step('oidc', `starting the OpenID Connect provider at ${oidcIssuerUrl(profile)}`, async () => {
      const provider = await startOidcProvider(profile);
      track(provider);
      return provider;
    }),
  ]);
  // S4: dead-letter topics are created with the policy's period; the worker aligns existing ones at its start.
  const environment = stackEnvironment(profile);
  const topics = topicsToProvision(parseConfig('stack', retentionPolicyEnvSchema, environment)['dead-letters'].ms);
  await step('kafka', `creating ${topics.length} topics from the catalogue`, () => ensureTopics(loadKafkaConfig(environment), topics));
  return { temporal, kafka, oidc };
}
