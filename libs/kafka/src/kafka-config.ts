import { z } from 'zod';
import { booleanVariable, listVariable, parseConfig } from '@oioo/config';

/** SASL mechanisms a production cluster may require. */
export const kafkaSaslMechanisms = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** A SASL mechanism accepted in `KAFKA_SASL_MECHANISM`. */
export type KafkaSaslMechanism = (typeof kafkaSaslMechanisms)[number];

/** Connection and consumer settings of the Kafka adapter, parsed from `KAFKA_*` variables. */
export interface KafkaConfig {
  /** Bootstrap brokers as `host:port`. */
  brokers: string[];
  /** Overrides the client id the app passes in code, so operators can tell instances apart. */
  clientId?: string;
  /** Connect over TLS (managed clusters require it). */
  ssl: boolean;
  /** SASL credentials, when the cluster authenticates clients. */
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
  /** How a consumer retries a failing handler before dead-lettering the event. */
  consumer: { maxAttempts: number; retryBackoffMs: number; outageRetryMs?: number };
}

const BROKER = /^[^\s,:]+:[0-9]{1,5}$/;

/** An optional variable where an empty value (common in `.env` files) counts as unset. */
function optional<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
}

/** The `KAFKA_*` environment variables and how they become a {@link KafkaConfig}. */
export const kafkaConfigSchema = z
  .object({
    KAFKA_BROKERS: listVariable
      .pipe(
        z
          .array(z.string())
          .min(1, 'must list at least one broker as host:port')
          .superRefine((brokers, context) => {
            const bad = brokers.filter((broker) => !BROKER.test(broker));
            if (bad.length > 0) context.addIssue({ code: 'custom', message: `each broker must read host:port, not ${bad.join(', ')}` });
          }),
      )
      .default(['127.0.0.1:9092']),
    KAFKA_CLIENT_ID: optional(z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1–100 letters, digits, dots, dashes or underscores')),
    KAFKA_SSL: booleanVariable.default(false),
    KAFKA_SASL_MECHANISM: optional(z.enum(kafkaSaslMechanisms, { message: `must be one of ${kafkaSaslMechanisms.join(', ')}` })),
    KAFKA_SASL_USERNAME: optional(z.string()),
    KAFKA_SASL_PASSWORD: optional(z.string()),
    KAFKA_CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
    KAFKA_CONSUMER_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(60_000).default(200),
    KAFKA_CONSUMER_OUTAGE_RETRY_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  })
  .superRefine((env, context) => {
    if (env.KAFKA_SASL_MECHANISM === undefined) return;
    for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (!env[variable]) {
        context.addIssue({ code: 'custom', path: [variable], message: `is required when KAFKA_SASL_MECHANISM is ${env.KAFKA_SASL_MECHANISM}` });
      }
    }
  })
  .transform(
    (env): KafkaConfig => ({
      brokers: env.KAFKA_BROKERS,
      ...(env.KAFKA_CLIENT_ID === undefined ? {} : { clientId: env.KAFKA_CLIENT_ID }),
      ssl: env.KAFKA_SSL,
      ...(env.KAFKA_SASL_MECHANISM === undefined
        ? {}
        : { sasl: { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME ?? '', password: env.KAFKA_SASL_PASSWORD ?? '' } }),
      consumer: { maxAttempts: env.KAFKA_CONSUMER_MAX_ATTEMPTS, retryBackoffMs: env.KAFKA_CONSUMER_RETRY_BACKOFF_MS, outageRetryMs: env.KAFKA_CONSUMER_OUTAGE_RETRY_MS },
    }),
  );

/** Parses the `KAFKA_*` variables once at boot; a missing or bad one throws a `ConfigError` naming it. */
export function loadKafkaConfig(env: Record<string, string | undefined> = process.env): KafkaConfig {
  return parseConfig('kafka', kafkaConfigSchema, env);
}
