/** Injection token of the parsed {@link KafkaConfig}. */
export const KAFKA_CONFIG = Symbol('KAFKA_CONFIG');
/** Injection token of the {@link KafkaTransport} the producer and consumer are built on. */
export const KAFKA_TRANSPORT = Symbol('KAFKA_TRANSPORT');
/** Injection token of the module's logger. */
export const KAFKA_LOGGER = Symbol('KAFKA_LOGGER');
/** Metadata key under which `@EventHandler` records a method's topic. */
export const EVENT_HANDLER_METADATA = 'oioo:kafka:event-handler';
