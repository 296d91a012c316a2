import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@oioo/auth';
import { DatabaseHealthIndicator, DatabaseModule } from '@oioo/database';
import { KafkaHealthIndicator, KafkaModule } from '@oioo/kafka';
import { TemporalClientModule, TemporalHealthIndicator } from '@oioo/temporal';
import { HealthModule } from './health.module';

/** What a service plugs into: its name and whether it consumes events. */
export interface ServicePlatformOptions {
  /** The service's name: Kafka client id, consumer group and the name /health reports. */
  service: string;
  /** Joins a consumer group named after the service, so its `@EventHandler` methods receive events. */
  consumesEvents: boolean;
  /** The service's own schema and migrations folder, when it keeps data (`DATABASE_*` variables choose the database). */
  database?: { schema: string; migrationsDir: string };
}

/**
 * Everything a bounded-context service stands on: Kafka (producer, and consumer when it consumes),
 * a Temporal client with the encrypting codec, its own database schema when it keeps data, GET /health
 * over all of them, and deny-by-default access (`OIDC_*`): every route declares who it admits
 * (`@ServicesAllowed` for callers with a verified client-credentials token, `@PublicRoute`) or is refused,
 * and every error is answered as a problem document.
 */
@Module({})
export class ServicePlatformModule {
  /** Wires the platform for one service; import once in its root module. */
  static forRoot(options: ServicePlatformOptions): DynamicModule {
    return {
      module: ServicePlatformModule,
      imports: [
        AuthModule.forRoot({ service: options.service }),
        KafkaModule.forRoot({
          clientId: options.service,
          ...(options.consumesEvents ? { groupId: options.service } : {}),
          // Matters only on a group's very first start (afterwards committed offsets rule): a new service
          // reads the retained history rather than missing what agencies sent before it was deployed.
          // Handlers are idempotent, so reading an event twice is harmless.
          fromBeginning: true,
        }),
        TemporalClientModule,
        ...(options.database ? [DatabaseModule.forRoot(options.database)] : []),
        HealthModule.forRoot({
          service: options.service,
          imports: [TemporalClientModule],
          indicators: [KafkaHealthIndicator, TemporalHealthIndicator, ...(options.database ? [DatabaseHealthIndicator] : [])],
        }),
      ],
      exports: [TemporalClientModule],
    };
  }
}
