import { createLogger } from '@oioo/config';
import { type KafkaConfig } from './kafka-config';
import { type TopicSpec } from './kafka-transport';
import { createKafkaJsTransport } from './kafkajs-transport';

/**
 * Creates the catalogue's topics that the cluster does not have yet (topics are never auto-created),
 * leaving existing ones untouched so it is safe on every start. Returns the names it created.
 */
export async function ensureTopics(config: KafkaConfig, topics: readonly TopicSpec[]): Promise<string[]> {
  const transport = createKafkaJsTransport({ config, clientId: 'oioo-topic-provisioning', logger: createLogger('kafka-admin') });
  return transport.createMissingTopics(topics);
}

/**
 * S4: sets the retention of those topics that already exist to the spec's (a policy changed since they were
 * created), leaving the rest of their configuration as it is. Returns the names it changed.
 */
export async function alignTopicRetention(config: KafkaConfig, topics: readonly TopicSpec[]): Promise<string[]> {
  const transport = createKafkaJsTransport({ config, clientId: 'oioo-topic-provisioning', logger: createLogger('kafka-admin') });
  return transport.alignTopicRetention ? transport.alignTopicRetention(topics) : [];
}
