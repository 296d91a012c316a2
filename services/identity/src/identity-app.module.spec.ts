import { Test, type TestingModule } from '@nestjs/testing';
import { Topics } from '@oioo/contracts';
import { DATABASE_CONFIG } from '@oioo/database';
import { EventConsumer, EventProducer, InMemoryKafkaTransport } from '@oioo/kafka';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { TestIssuer } from '@oioo/testing';
import { IdentityAppModule } from './app.module';
import { FakeTemporalClient } from './test-support/fake-temporal-client';
import { quietLogger } from './test-support/identity-test-kit';

let moduleRef: TestingModule;
let issuer: TestIssuer;

beforeAll(async () => {
  // The app verifies access tokens (OIDC_*), read when it is created.
  issuer = await TestIssuer.start();
  Object.assign(process.env, issuer.environment());
  const transport = new InMemoryKafkaTransport();
  const producer = new EventProducer(transport.createProducer(), quietLogger);
  moduleRef = await Test.createTestingModule({ imports: [IdentityAppModule] })
    // The app as it boots, on in-memory PGlite whatever DATABASE_* says, with Kafka in memory and a fake Temporal client.
    .overrideProvider(DATABASE_CONFIG)
    .useValue({ driver: 'pglite' })
    .overrideProvider(EventProducer)
    .useValue(producer)
    .overrideProvider(EventConsumer)
    .useValue(
      new EventConsumer({ transport: transport.createConsumer({ groupId: 'identity' }), deadLetters: producer, groupId: 'identity', maxAttempts: 1, retryBackoffMs: 0, logger: quietLogger }),
    )
    .overrideProvider(TEMPORAL_CLIENT)
    .useValue(new FakeTemporalClient().asClient())
    .compile();
  await moduleRef.init();
}, 60_000);

afterAll(async () => {
  await moduleRef?.close();
  await issuer?.stop();
});

describe('IdentityAppModule', () => {
  it("subscribes identity's consumer to the arrivals and to the legal route's submissions, presence confirmations and biometrics", () => {
    expect([...moduleRef.get(EventConsumer).topics()].sort()).toEqual(
      [Topics.arrivalRecorded.name, Topics.eoiSubmitted.name, Topics.presenceConfirmed.name, Topics.biometricsCaptured.name].sort(),
    );
  });
});
