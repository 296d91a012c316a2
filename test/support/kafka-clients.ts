import { randomUUID } from 'node:crypto';
import { EventProducer, type IncomingMessage, createKafkaJsTransport, loadKafkaConfig } from '@oioo/kafka';
import { stackEnv } from './stack';

/** A producer on the stack's broker, as an agency's system would use it. */
export async function connectProducer(clientId: string): Promise<EventProducer> {
  const transport = createKafkaJsTransport({ config: loadKafkaConfig(stackEnv()), clientId });
  const producer = new EventProducer(transport.createProducer());
  await producer.connect();
  return producer;
}

/** Reads every message of a topic from its start into memory, in a consumer group of its own. */
export async function recordTopic(topic: string): Promise<{ messages: IncomingMessage[]; stop(): Promise<void> }> {
  const transport = createKafkaJsTransport({ config: loadKafkaConfig(stackEnv()), clientId: 'test-recorder' });
  const consumer = transport.createConsumer({ groupId: `test-recorder-${randomUUID()}` });
  const messages: IncomingMessage[] = [];
  await consumer.connect();
  await consumer.subscribe([topic], { fromBeginning: true });
  await consumer.run(async (message) => {
    messages.push(message);
  });
  return {
    messages,
    stop: async () => {
      await consumer.stop();
      await consumer.disconnect();
    },
  };
}
