import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Topics, type ArrivalRecordedEvent } from '@oioo/contracts';
import { type EventMetadata, EventConsumer } from './event-consumer';
import { EventHandler } from './event-handler.decorator';
import { EventProducer } from './event-producer';
import { InMemoryKafkaTransport } from './in-memory-kafka.transport';
import { type KafkaConfig } from './kafka-config';
import { KafkaHealthIndicator } from './kafka-health.indicator';
import { KafkaModule } from './kafka.module';
import { arrivalData, memoryLogger, subject } from './testing/fixtures';

const config: KafkaConfig = { brokers: ['127.0.0.1:9092'], ssl: false, consumer: { maxAttempts: 2, retryBackoffMs: 0 } };

@Injectable()
class ArrivalIntake {
  readonly seen: { caseId: string; offset: string }[] = [];

  @EventHandler(Topics.arrivalRecorded)
  async onArrival(event: ArrivalRecordedEvent, metadata: EventMetadata): Promise<void> {
    this.seen.push({ caseId: event.data.caseId, offset: metadata.offset });
  }
}

/** Compile-time check only: a handler whose parameter does not accept the topic's event is rejected. */
export class MistypedIntake {
  // @ts-expect-error the method expects a different event than the topic carries
  @EventHandler(Topics.arrivalRecorded)
  async onArrival(event: { data: { boatName: string } }): Promise<void> {
    void event;
  }
}

async function boot(groupId: string | undefined, providers: (new (...args: never[]) => unknown)[]) {
  const transport = new InMemoryKafkaTransport();
  const moduleRef = await Test.createTestingModule({
    imports: [KafkaModule.forRoot({ clientId: 'identity', ...(groupId ? { groupId } : {}), config, transport, logger: memoryLogger().logger })],
    providers,
  }).compile();
  await moduleRef.init();
  return { transport, moduleRef };
}

describe('KafkaModule', () => {
  it('runs @EventHandler methods with events published through the injected producer', async () => {
    const { transport, moduleRef } = await boot('identity', [ArrivalIntake]);
    const producer = moduleRef.get(EventProducer);

    await producer.publish(Topics.arrivalRecorded, { subject, source: 'uk-border-force', data: arrivalData, occurredAt: '2025-09-01T03:15:00Z' });
    const [sent] = transport.sent;
    if (!sent) throw new Error('nothing was published');
    await transport.deliver(sent.topic, sent);

    expect(moduleRef.get(ArrivalIntake).seen).toEqual([{ caseId: arrivalData.caseId, offset: '0' }]);
    await expect(moduleRef.get(EventConsumer).waitUntilJoined(1000)).resolves.toEqual({ [Topics.arrivalRecorded.name]: [0] });
    await moduleRef.close();
  });

  it('reports health while running and after shutdown', async () => {
    const { moduleRef } = await boot('identity', [ArrivalIntake]);
    const health = moduleRef.get(KafkaHealthIndicator);

    expect(health.check()).toEqual({ healthy: true, producer: 'connected', consumer: 'connected' });
    await moduleRef.close();
    expect(health.check()).toEqual({ healthy: false, producer: 'disconnected', consumer: 'disconnected' });
  });

  it('lets a producer-only app boot without a group id', async () => {
    const { moduleRef } = await boot(undefined, []);
    expect(moduleRef.get(KafkaHealthIndicator).check()).toEqual({ healthy: true, producer: 'connected', consumer: 'not-configured' });
    await moduleRef.close();
  });

  it('refuses to boot when handlers are declared but no group id is given', async () => {
    await expect(boot(undefined, [ArrivalIntake])).rejects.toThrow(/needs a groupId: ArrivalIntake\.onArrival/);
  });

  it('reads the KAFKA_* variables when no config is given, failing on a bad one', async () => {
    const previous = process.env['KAFKA_CONSUMER_MAX_ATTEMPTS'];
    process.env['KAFKA_CONSUMER_MAX_ATTEMPTS'] = 'many';
    try {
      await expect(
        Test.createTestingModule({ imports: [KafkaModule.forRoot({ clientId: 'identity', groupId: 'identity', transport: new InMemoryKafkaTransport() })] }).compile(),
      ).rejects.toThrow(/KAFKA_CONSUMER_MAX_ATTEMPTS/);
    } finally {
      if (previous === undefined) delete process.env['KAFKA_CONSUMER_MAX_ATTEMPTS'];
      else process.env['KAFKA_CONSUMER_MAX_ATTEMPTS'] = previous;
    }
  });
});
