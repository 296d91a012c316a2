import { type z } from 'zod';
import { eventEnvelopeSchema, type EventEnvelope, type TopicDefinition } from '@oioo/contracts';

/** The envelope schema of a topic, checking the envelope fields and the topic's data together. */
export type EnvelopeSchema<Data extends z.ZodType> = z.ZodType<EventEnvelope<z.output<Data>>, EventEnvelope<z.input<Data>>>;

// Keyed by the definition object so schemas are built once per topic rather than once per message,
// and released if a definition ever goes away.
const cache = new WeakMap<TopicDefinition, z.ZodType>();

/** Returns the (cached) schema of a whole event on the given topic. */
export function envelopeSchemaOf<Data extends z.ZodType>(topic: TopicDefinition<Data>): EnvelopeSchema<Data> {
  let schema = cache.get(topic);
  if (!schema) {
    schema = eventEnvelopeSchema(topic.data);
    cache.set(topic, schema);
  }
  return schema as EnvelopeSchema<Data>;
}
