import { z } from 'zod';
import { envelopeFieldsSchema, subjectIdSchema, topicVersion, type TopicDefinition } from '@oioo/contracts';
import { DeadLetterHeaders, EventHeaders, type DeadLetterKind } from '@oioo/kafka';
import { deadLetterHeaderDescriptions, deadLetterKindDescriptions, envelopeFieldDescriptions, eventHeaderDescriptions } from './surface-descriptions';

/** A JSON Schema (draft-07) as zod emits it. */
export type JsonSchema = z.core.JSONSchema.JSONSchema;

/**
 * JSON Schema of a zod schema as the documents show it: draft-07, because AsyncAPI's default schema
 * format is a superset of it; the input side, because what a consumer accepts is what its parse
 * accepts (unknown keys are stripped, not rejected); and plain JSON, with no `$schema` inside a document.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-07',
    io: 'input',
    // A type with no JSON form (a Date, a bigint, a z.custom) cannot travel as JSON: failing here beats documenting `{}`.
    unrepresentable: 'throw',
    cycles: 'throw',
  });
  const { $schema: _dialect, ...plain } = JSON.parse(JSON.stringify(generated)) as JsonSchema;
  // A `.meta({ id })` makes zod hoist `definitions` whose `#/definitions/...` refs would resolve against the
  // AsyncAPI document's root and break; hoisting them into components is work for the first schema that needs it.
  const definitions = plain['definitions'] as Record<string, unknown> | undefined;
  if (definitions !== undefined) {
    throw new Error(`A contract schema has a .meta({ id }); infra/docs does not yet hoist shared definitions: ${Object.keys(definitions).join(', ')}`);
  }
  return plain;
}

/** Gives each top-level property without a description of its own the envelope field's description, or the one given. */
function withEnvelopeDescriptions(schema: JsonSchema, overrides: Record<string, string> = {}): JsonSchema {
  const fallbacks: Record<string, string | undefined> = { ...envelopeFieldDescriptions, ...overrides };
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => {
      const fallback = fallbacks[name];
      if (typeof property === 'boolean' || property.description !== undefined || fallback === undefined) return [name, property];
      return [name, { ...property, description: fallback }];
    }),
  );
  return { ...schema, properties };
}

/**
 * The whole message value on a topic: the envelope around the topic's data, with `type` and
 * `schemaVersion` pinned to the topic, because consumers dead-letter events that claim another.
 */
export function payloadSchemaOf(topic: TopicDefinition): JsonSchema {
  const pinned = envelopeFieldsSchema.extend({
    type: z.literal(topic.name),
    schemaVersion: z.literal(topicVersion(topic.name)),
    data: topic.data,
  });
  return withEnvelopeDescriptions(jsonSchemaOf(pinned), { data: `The ${topic.name} fact: ${topic.description}` });
}

/** The JSON Schema of a topic's data alone. */
export function dataSchemaOf(topic: TopicDefinition): JsonSchema {
  return jsonSchemaOf(topic.data);
}

/** The envelope common to every topic, with `data` left open. */
export function envelopeSchema(): JsonSchema {
  const fields = jsonSchemaOf(envelopeFieldsSchema);
  return withEnvelopeDescriptions({
    ...fields,
    properties: { ...fields.properties, data: {} },
    required: [...(fields.required ?? []), 'data'],
  });
}

/** The Kafka key: the subject's opaque id, with the pattern the contracts enforce. */
export function keySchema(): JsonSchema {
  return { ...jsonSchemaOf(subjectIdSchema), description: envelopeFieldDescriptions.subject };
}

/** The headers every event on the topic carries. */
function eventHeaderProperties(topic: TopicDefinition): Record<keyof typeof EventHeaders, JsonSchema> {
  return {
    eventId: { ...jsonSchemaOf(envelopeFieldsSchema.shape.eventId), description: eventHeaderDescriptions.eventId },
    eventType: { type: 'string', const: topic.name, description: eventHeaderDescriptions.eventType },
  };
}

/** Header values are UTF-8 text; this schema of each `dlq-*` header says what the text looks like. */
function deadLetterHeaderProperties(topic: TopicDefinition): Record<keyof typeof DeadLetterHeaders, JsonSchema> {
  const decimal = { type: 'string', pattern: '^[0-9]+$' } as const;
  const kinds = Object.entries(deadLetterKindDescriptions) as [DeadLetterKind, string][];
  const kindList = kinds.map(([kind, meaning]) => `\`${kind}\`: ${meaning}`).join(' ');
  const described = (key: keyof typeof DeadLetterHeaders, schema: JsonSchema, extra = ''): JsonSchema => ({
    ...schema,
    description: `${deadLetterHeaderDescriptions[key]}${extra}`,
  });
  return {
    reason: described('reason', { type: 'string', minLength: 1 }),
    kind: described('kind', { type: 'string', enum: kinds.map(([kind]) => kind) }, ` ${kindList}`),
    sourceTopic: described('sourceTopic', { type: 'string', const: topic.name }),
    sourcePartition: described('sourcePartition', decimal),
    sourceOffset: described('sourceOffset', decimal),
    failedAt: described('failedAt', { type: 'string', format: 'date-time' }),
    consumerGroup: described('consumerGroup', { type: 'string', minLength: 1 }),
    attempts: described('attempts', { type: 'string', pattern: '^[1-9][0-9]*$' }),
    redriveCount: described('redriveCount', { type: 'string', pattern: '^[1-9][0-9]*$' }),
    redrivenFrom: described('redrivenFrom', { type: 'string', pattern: '^[a-z][a-z.-]+\\.dlq/[0-9]+/[0-9]+$' }),
  };
}

/** Turns a map of header schemas keyed like `EventHeaders` or `DeadLetterHeaders` into header-name properties. */
function byHeaderName<Key extends string>(names: Record<Key, string>, schemas: Record<Key, JsonSchema>): Record<string, JsonSchema> {
  return Object.fromEntries((Object.keys(names) as Key[]).map((key) => [names[key], schemas[key]]));
}

/** Headers of an event on the topic; the platform's producer always sets both. */
export function eventHeadersSchema(topic: TopicDefinition): JsonSchema {
  return {
    type: 'object',
    properties: byHeaderName(EventHeaders, eventHeaderProperties(topic)),
    required: Object.values(EventHeaders),
  };
}

/** Headers of a dead letter: the original's headers, copied, plus the `dlq-*` headers. */
export function deadLetterHeadersSchema(topic: TopicDefinition): JsonSchema {
  const eventHeaders = Object.fromEntries(
    Object.entries(byHeaderName(EventHeaders, eventHeaderProperties(topic))).map(([name, schema]) => [
      name,
      { ...schema, description: `Copied from the original message when it had one. ${schema.description ?? ''}`.trim() },
    ]),
  );
  return {
    type: 'object',
    properties: { ...eventHeaders, ...byHeaderName(DeadLetterHeaders, deadLetterHeaderProperties(topic)) },
    required: Object.values(DeadLetterHeaders).filter((name) => name !== DeadLetterHeaders.attempts && name !== DeadLetterHeaders.redriveCount && name !== DeadLetterHeaders.redrivenFrom),
  };
}
