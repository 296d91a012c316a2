import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from './metrics-registry';

/**
 * Kafka consumer and dead-letter series. Labels are technical only (consumer group, topic, partition,
 * a reason code), never a key or anything from an event, so no personal data reaches a metric.
 */
export const kafkaMetrics = {
  /** Messages a consumer finished with (handled or dead-lettered), per partition. */
  messages: new Counter({
    name: 'oioo_kafka_consumer_messages_total',
    help: 'Messages a consumer group finished with (handled, or dead-lettered), by topic and partition.',
    labelNames: ['group', 'topic', 'partition', 'outcome'] as const,
    registers: [metricsRegistry],
  }),
  /** Failures while consuming: a failed handler attempt, an unreadable or refused event, a dead letter that could not be sent. */
  errors: new Counter({
    name: 'oioo_kafka_consumer_errors_total',
    help: 'Failures while consuming, by topic and reason (handler-failed per attempt, invalid, rejected, dead-letter-send-failed).',
    labelNames: ['group', 'topic', 'reason'] as const,
    registers: [metricsRegistry],
  }),
  /** Messages on a partition the group has not committed yet, read from the cluster on the refresh interval. */
  lag: new Gauge({
    name: 'oioo_kafka_consumer_lag',
    help: 'Messages of a partition after the consumer group\'s committed offset (log end offset minus committed offset).',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [metricsRegistry],
  }),
  /** Messages written to a dead-letter topic, by the topic they came from and why. */
  deadLetters: new Counter({
    name: 'oioo_kafka_dead_letters_total',
    help: 'Messages sent to a dead-letter topic, by source topic and kind (invalid, handler-failed, rejected).',
    labelNames: ['group', 'topic', 'kind'] as const,
    registers: [metricsRegistry],
  }),
  /** Events published, by topic. */
  published: new Counter({
    name: 'oioo_kafka_produced_messages_total',
    help: 'Messages published, by topic.',
    labelNames: ['topic'] as const,
    registers: [metricsRegistry],
  }),
};
