import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { DATABASE_CONFIG } from '@oioo/database';
import { EventConsumer, EventProducer, InMemoryKafkaTransport } from '@oioo/kafka';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { IdentityAppModule } from '../app.module';
import { FakeTemporalClient } from './fake-temporal-client';
import { quietLogger } from './identity-test-kit';

/**
 * Test support only: the identity app as it boots (guard, problem documents, /health included), on
 * in-memory PGlite whatever DATABASE_* says, Kafka in memory and a fake Temporal client. Set the OIDC_*
 * variables (a `TestIssuer`'s environment) before compiling: the app reads them when it is created.
 */
export function identityAppBuilder(): TestingModuleBuilder {
  const transport = new InMemoryKafkaTransport();
  const producer = new EventProducer(transport.createProducer(), quietLogger);
  return Test.createTestingModule({ imports: [IdentityAppModule] })
    .overrideProvider(DATABASE_CONFIG)
    .useValue({ driver: 'pglite' })
    .overrideProvider(EventProducer)
    .useValue(producer)
    .overrideProvider(EventConsumer)
    .useValue(
      new EventConsumer({ transport: transport.createConsumer({ groupId: 'identity' }), deadLetters: producer, groupId: 'identity', maxAttempts: 1, retryBackoffMs: 0, logger: quietLogger }),
    )
    .overrideProvider(TEMPORAL_CLIENT)
    .useValue(new FakeTemporalClient().asClient());
}
