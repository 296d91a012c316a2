export { kafkaConfigSchema, kafkaSaslMechanisms, loadKafkaConfig, type KafkaConfig, type KafkaSaslMechanism } from './kafka-config';
export type {
  ConsumerTransport,
  ConsumerTransportOptions,
  IncomingMessage,
  IncomingMessageHandler,
  KafkaTransport,
  MessageControls,
  OutgoingMessage,
  PartitionAssignment,
  PartitionLag,
  ProducerTransport,
  TopicSpec,
} from './kafka-transport';
export { createKafkaJsTransport, type KafkaJsTransportOptions } from './kafkajs-transport';
export { fixKafkaJsIdleLoop } from './kafkajs-idle-fix';
export { InMemoryKafkaTransport, type DeliveryInput, type SentMessage } from './in-memory-kafka.transport';
export { DeadLetterError, EventRejectedError, EventValidationError } from './kafka.errors';
export type { FieldProblem } from './zod-issues';
export { envelopeSchemaOf, type EnvelopeSchema } from './envelope-schemas';
export { readEvent, type ReadResult } from './event-reader';
export { DeadLetterHeaders, type DeadLetterKind } from './dead-letter';
export { EventHeaders, EventProducer, type PublishInput, type RawHeaders } from './event-producer';
export {
  EventConsumer,
  type ConsumerState,
  type DeadLetterPublisher,
  type EventConsumerOptions,
  type EventHandlerFunction,
  type EventMetadata,
} from './event-consumer';
export { EventHandler } from './event-handler.decorator';
export { KafkaHealthIndicator, type KafkaHealth } from './kafka-health.indicator';
export { KafkaModule, type KafkaModuleOptions } from './kafka.module';
export { KAFKA_CONFIG } from './kafka.tokens';
export { alignTopicRetention, ensureTopics } from './topic-provisioning';
