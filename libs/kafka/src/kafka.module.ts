import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { createLogger, type Logger } from '@oioo/config';
import { loadMetricsConfig } from '@oioo/observability';
import { EventConsumer } from './event-consumer';
import { EventProducer } from './event-producer';
import { loadKafkaConfig, type KafkaConfig } from './kafka-config';
import { KafkaHealthIndicator } from './kafka-health.indicator';
import { KafkaLifecycle } from './kafka-lifecycle.service';
import { type KafkaTransport } from './kafka-transport';
import { createKafkaJsTransport } from './kafkajs-transport';
import { KAFKA_CONFIG, KAFKA_LOGGER, KAFKA_TRANSPORT } from './kafka.tokens';

/** Options of {@link KafkaModule.forRoot}. */
export interface KafkaModuleOptions {
  /** Client id reported to the brokers (`KAFKA_CLIENT_ID` overrides it). */
  clientId: string;
  /** Consumer group, usually the service name; without it the app can publish but not consume. */
  groupId?: string;
  /** Parsed config; read from the `KAFKA_*` variables at boot when absent. */
  config?: KafkaConfig;
  /** Where a new group starts on partitions it has never committed (default: only new events). */
  fromBeginning?: boolean;
  /** Partitions handled in parallel by this instance (default 1); order still holds per partition. */
  partitionsConsumedConcurrently?: number;
  /** Replaces the kafkajs transport, e.g. with `InMemoryKafkaTransport` in tests. */
  transport?: KafkaTransport;
  logger?: Logger;
}

/**
 * Kafka for a NestJS app: provides {@link EventProducer}, {@link EventConsumer} (when a group id is given)
 * and {@link KafkaHealthIndicator}, and runs every `@EventHandler` method it finds. Global, so feature
 * modules inject the producer without importing it again.
 */
@Module({})
export class KafkaModule {
  /** Configures Kafka for the app; import it once, in the root module. */
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: KAFKA_LOGGER, useFactory: () => options.logger ?? createLogger('kafka') },
      // Parsed while the module is created, so a bad variable stops the boot with its name.
      { provide: KAFKA_CONFIG, useFactory: () => options.config ?? loadKafkaConfig(process.env) },
      {
        provide: KAFKA_TRANSPORT,
        inject: [KAFKA_CONFIG, KAFKA_LOGGER],
        useFactory: (config: KafkaConfig, logger: Logger) => options.transport ?? createKafkaJsTransport({ config, clientId: options.clientId, logger }),
      },
      {
        provide: EventProducer,
        inject: [KAFKA_TRANSPORT, KAFKA_LOGGER],
        useFactory: (transport: KafkaTransport, logger: Logger) => new EventProducer(transport.createProducer(), logger.child({ role: 'producer' })),
      },
      KafkaHealthIndicator,
      KafkaLifecycle,
    ];
    const exported: DynamicModule['exports'] = [EventProducer, KafkaHealthIndicator, KAFKA_CONFIG];
    const { groupId } = options;
    if (groupId !== undefined) {
      providers.push({
        provide: EventConsumer,
        inject: [KAFKA_TRANSPORT, KAFKA_CONFIG, EventProducer, KAFKA_LOGGER],
        useFactory: (transport: KafkaTransport, config: KafkaConfig, producer: EventProducer, logger: Logger) => {
          const metrics = loadMetricsConfig(process.env);
          return new EventConsumer({
            transport: transport.createConsumer({
              groupId,
              ...(options.partitionsConsumedConcurrently === undefined ? {} : { partitionsConsumedConcurrently: options.partitionsConsumedConcurrently }),
            }),
            deadLetters: producer,
            groupId,
            maxAttempts: config.consumer.maxAttempts,
            retryBackoffMs: config.consumer.retryBackoffMs,
            ...(config.consumer.outageRetryMs === undefined ? {} : { outageRetryMs: config.consumer.outageRetryMs }),
            fromBeginning: options.fromBeginning ?? false,
            // Lag is read only where something scrapes it: a process with a metrics listener.
            ...(metrics.port === undefined ? {} : { lagRefreshMs: metrics.refreshSeconds * 1000 }),
            logger: logger.child({ role: 'consumer', groupId }),
          });
        },
      });
      exported.push(EventConsumer);
    }
    return { module: KafkaModule, global: true, imports: [DiscoveryModule], providers, exports: exported };
  }
}
