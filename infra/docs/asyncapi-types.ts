import { type JsonSchema } from './surface-schemas';

/** A JSON reference within the document. */
export interface AsyncApiReference {
  $ref: string;
}

/** A broker the surface is served from. */
export interface AsyncApiServer {
  host: string;
  protocol: 'kafka';
  description: string;
  variables?: Record<string, { description: string; examples?: string[] }>;
}

/** One message kind on a channel; the Kafka key is in `bindings.kafka.key`. */
export interface AsyncApiMessage {
  name: string;
  title: string;
  summary: string;
  contentType?: string;
  headers: JsonSchema;
  payload: JsonSchema;
  bindings: { kafka: { key: JsonSchema; bindingVersion: string } };
}

/** One Kafka topic. */
export interface AsyncApiChannel {
  address: string;
  title: string;
  description: string;
  messages: Record<string, AsyncApiMessage>;
  bindings: {
    kafka: { partitions: number; topicConfiguration: { 'retention.ms': number }; bindingVersion: string };
  };
}

/** One party sending to or receiving from one channel. */
export interface AsyncApiOperation {
  action: 'send' | 'receive';
  channel: AsyncApiReference;
  summary: string;
  messages: AsyncApiReference[];
  tags: { name: string }[];
}

/** Who uses which topics, for readers who want one party's view. */
export interface AsyncApiParty {
  publishes: string[];
  consumes: string[];
  deadLetters: string[];
}

/** An AsyncAPI 3.0 document, as far as the integration surface uses it. */
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string; tags: { name: string }[] };
  defaultContentType: string;
  servers: Record<string, AsyncApiServer>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: { schemas: Record<string, JsonSchema> };
  'x-parties': Record<string, AsyncApiParty>;
}
