import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventConsumer } from './event-consumer';
import { EventProducer } from './event-producer';

/** Kafka's part of a `/health` answer. */
export interface KafkaHealth {
  /** False when the producer is down, or the consumer should be running but is not connected. */
  healthy: boolean;
  producer: 'connected' | 'disconnected';
  /** `not-configured` without a group id; `not-started` when the app declares no handlers. */
  consumer: 'connected' | 'disconnected' | 'not-started' | 'not-configured';
}

/** Reports whether the app's producer and consumer are connected, for a `/health` endpoint. */
@Injectable()
export class KafkaHealthIndicator {
  /** How /health names this dependency. */
  readonly name = 'kafka';

  constructor(
    @Inject(EventProducer) private readonly producer: EventProducer,
    @Optional() @Inject(EventConsumer) private readonly consumer?: EventConsumer,
  ) {}

  /** Connection state of the producer and consumer. */
  check(): KafkaHealth {
    const producer = this.producer.isConnected() ? 'connected' : 'disconnected';
    const consumer = this.consumerState();
    return { healthy: producer === 'connected' && (consumer === 'connected' || consumer === 'not-started' || consumer === 'not-configured'), producer, consumer };
  }

  /** True when {@link check} finds nothing wrong. */
  isHealthy(): boolean {
    return this.check().healthy;
  }

  private consumerState(): KafkaHealth['consumer'] {
    if (!this.consumer) return 'not-configured';
    if (this.consumer.status() === 'idle') return 'not-started';
    return this.consumer.isHealthy() ? 'connected' : 'disconnected';
  }
}
