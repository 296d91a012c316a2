import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeadLetterHeaders, EventHeaders } from '@oioo/kafka';
import { kafkaBrokers } from '../kafka/kafka-broker';
import { REPO_ROOT } from '../stack/repo-paths';
import { defaultTestProfile, devProfile } from '../stack/stack-profile';
import {
  type AsyncApiChannel,
  type AsyncApiDocument,
  type AsyncApiOperation,
  type AsyncApiParty,
  type AsyncApiServer,
} from './asyncapi-types';
import {
  deadLetterHeaderDescriptions,
  deadLetterKindDescriptions,
  envelopeFieldDescriptions,
  eventHeaderDescriptions,
} from './surface-descriptions';
import { formatRetention, integrationSurface, type IntegrationSurface, type SurfaceTopic } from './surface-model';
import { deadLetterHeadersSchema, envelopeSchema, eventHeadersSchema, keySchema } from './surface-schemas';

/** Version of the AsyncAPI Kafka bindings the document uses. */
const KAFKA_BINDING_VERSION = '0.5.0';

/** Command that regenerates the committed documents. */
export const REGENERATE_COMMAND = 'npm run docs';

/** Operation ids name the party, so one document can hold every party's view (see the description). */
export function publishOperationId(party: string, topicName: string): string {
  return `${party}.publishes.${topicName}`;
}

/** Id of a party's operation consuming a topic. */
export function consumeOperationId(party: string, topicName: string): string {
  return `${party}.consumes.${topicName}`;
}

/** Message id of a topic's event, in the camelCase code generators turn into type names. */
export function eventMessageId(topicName: string): string {
  return topicName
    .split(/[.-]/)
    .map((word, index) => (index === 0 ? word : `${word.charAt(0).toUpperCase()}${word.slice(1)}`))
    .join('');
}

/** Message id of a topic's dead letter. */
export function deadLetterMessageId(topicName: string): string {
  return `${eventMessageId(topicName)}DeadLetter`;
}

/** Builds the AsyncAPI 3.0 document of the whole integration surface from the topic catalogue. */
export function buildAsyncApiDocument(): AsyncApiDocument {
  const surface = integrationSurface();
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'UK–France pilot integration surface',
      version: rootPackageVersion(),
      description: surfaceDescription(),
      tags: surface.parties.map((party) => ({ name: party.name })),
    },
    defaultContentType: 'application/json',
    servers: servers(),
    channels: Object.fromEntries(surface.topics.flatMap(channelsOf)),
    operations: Object.fromEntries(surface.topics.flatMap(operationsOf)),
    components: { schemas: { EventEnvelope: envelopeSchema(), SubjectKey: keySchema() } },
    'x-parties': parties(surface),
  };
}

function rootPackageVersion(): string {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new Error('The root package.json has no version');
  return version;
}

function servers(): Record<string, AsyncApiServer> {
  return {
    local: {
      host: kafkaBrokers(devProfile),
      protocol: 'kafka',
      description: `The single-node KRaft broker \`npm start\` runs on this machine, with every topic created from the catalogue on start. \`npm test\` runs its own on ${kafkaBrokers(defaultTestProfile)}.`,
    },
    production: {
      host: '{brokers}',
      protocol: 'kafka',
      description:
        'Placeholder for a real cluster: services take the brokers from `KAFKA_BROKERS`, and TLS and SASL from `KAFKA_SSL` and `KAFKA_SASL_*`. Services never auto-create topics: create them from `topicsToProvision()` in `@oioo/contracts` with the cluster\'s replication factor.',
      variables: { brokers: { description: 'The `KAFKA_BROKERS` value: comma-separated `host:port` bootstrap brokers.' } },
    },
  };
}

/** The document's description: the conventions every topic shares, generated from the same constants the code uses. */
function surfaceDescription(): string {
  const envelopeFields = Object.entries(envelopeFieldDescriptions).map(([field, meaning]) => `- \`${field}\`: ${meaning}`);
  const eventHeaders = (Object.keys(EventHeaders) as (keyof typeof EventHeaders)[]).map(
    (key) => `- \`${EventHeaders[key]}\`: ${eventHeaderDescriptions[key]}`,
  );
  const kinds = Object.entries(deadLetterKindDescriptions).map(([kind, meaning]) => `  - \`${kind}\`: ${meaning}`);
  const deadLetterHeaders = (Object.keys(DeadLetterHeaders) as (keyof typeof DeadLetterHeaders)[]).map((key) => {
    const line = `- \`${DeadLetterHeaders[key]}\`: ${deadLetterHeaderDescriptions[key]}`;
    return key === 'kind' ? [line, ...kinds].join('\n') : line;
  });
  return [
    'Every Kafka topic between the agencies and services of the UK–France "one in, one out" pilot. Generated from the topic catalogue in `libs/contracts` by `infra/docs/write-asyncapi.ts`; do not edit by hand.',
    '**Topic names** read `<context>.<entity>.<event>.v<N>`: the context that owns the fact, the entity, what happened, and the version of the data schema, which events also carry as `schemaVersion`.',
    `**Keys** are the event's \`subject\`: an opaque id matching \`${String(keySchema().pattern)}\` (such as \`case_01J9ZQ4X7K3M2N8P6R5T\`), never a name, date of birth or other personal detail (S3). One subject's events share a partition, so they stay in order.`,
    '**Values** are UTF-8 JSON: an envelope (`#/components/schemas/EventEnvelope`) whose `data` follows the topic\'s schema. The envelope fields:',
    envelopeFields.join('\n'),
    '**Headers** the platform\'s producer sets on every event:',
    eventHeaders.join('\n'),
    '**Dead letters**: every consumed topic `<topic>` has a dead-letter topic `<topic>.dlq`. A consumer that cannot read a message, or whose handler keeps failing, copies it there unchanged (key, value and headers) with these headers added, then moves on; dead letters wait for a person, nothing consumes them automatically.',
    deadLetterHeaders.join('\n'),
    '**Operations**: AsyncAPI 3 describes operations from one application\'s point of view. This document describes the whole surface, so each operation is named after the party that performs it: `<party>.publishes.<topic>` (`send`), `<party>.consumes.<topic>` (`receive`), and `<party>.publishes.<topic>.dlq` for the dead letters a consumer writes. `x-parties` lists each party\'s topics and every operation is tagged with its party; one party\'s operations are its application view.',
  ].join('\n\n');
}

function channelsOf(topic: SurfaceTopic): [string, AsyncApiChannel][] {
  const main: AsyncApiChannel = {
    address: topic.name,
    title: topic.name,
    description: `${topic.description}\n\nProduced by ${topic.producers.join(', ') || 'nobody yet'}; consumed by ${topic.consumers.join(', ') || 'nobody yet'}. Kept ${formatRetention(topic.retentionMs)}.`,
    messages: {
      [eventMessageId(topic.name)]: {
        name: topic.name,
        title: `${topic.name} event`,
        summary: topic.description,
        contentType: 'application/json',
        headers: eventHeadersSchema(topic.definition),
        payload: topic.payloadSchema,
        bindings: { kafka: { key: keySchema(), bindingVersion: KAFKA_BINDING_VERSION } },
      },
    },
    bindings: { kafka: kafkaTopicBinding(topic.partitions, topic.retentionMs) },
  };
  if (!topic.deadLetter) return [[topic.name, main]];
  const deadLetter: AsyncApiChannel = {
    address: topic.deadLetter.name,
    title: topic.deadLetter.name,
    description: `Dead letters of \`${topic.name}\`: messages its consumers (${topic.consumers.join(', ')}) could not read or handle, unchanged, with \`dlq-*\` headers saying why. Kept ${formatRetention(topic.deadLetter.retentionMs)} for a person to look at.`,
    messages: {
      [deadLetterMessageId(topic.name)]: {
        name: topic.deadLetter.name,
        title: `${topic.name} dead letter`,
        summary: `A message of ${topic.name} that a consumer gave up on.`,
        headers: deadLetterHeadersSchema(topic.definition),
        // An `invalid` dead letter is whatever was on the topic, possibly not even JSON, so no schema is promised.
        payload: {
          description: `The original value, byte for byte. After \`handler-failed\` it is a valid ${topic.name} event (see that channel); after \`invalid\` it may be anything.`,
        },
        bindings: {
          kafka: {
            key: { type: ['string', 'null'], description: "The original key, unchanged: normally the event's subject, but an invalid message's key is not checked." },
            bindingVersion: KAFKA_BINDING_VERSION,
          },
        },
      },
    },
    bindings: { kafka: kafkaTopicBinding(topic.deadLetter.partitions, topic.deadLetter.retentionMs) },
  };
  return [
    [topic.name, main],
    [topic.deadLetter.name, deadLetter],
  ];
}

function kafkaTopicBinding(partitions: number, retentionMs: number): AsyncApiChannel['bindings']['kafka'] {
  return { partitions, topicConfiguration: { 'retention.ms': retentionMs }, bindingVersion: KAFKA_BINDING_VERSION };
}

function operationsOf(topic: SurfaceTopic): [string, AsyncApiOperation][] {
  const operation = (party: string, action: AsyncApiOperation['action'], channelId: string, messageId: string, summary: string): AsyncApiOperation => ({
    action,
    channel: { $ref: `#/channels/${pointerToken(channelId)}` },
    summary,
    messages: [{ $ref: `#/channels/${pointerToken(channelId)}/messages/${pointerToken(messageId)}` }],
    tags: [{ name: party }],
  });
  const eventMessage = eventMessageId(topic.name);
  const publishes = topic.producers.map((party): [string, AsyncApiOperation] => [
    publishOperationId(party, topic.name),
    operation(party, 'send', topic.name, eventMessage, `${party} publishes ${topic.name}.`),
  ]);
  const consumes = topic.consumers.map((party): [string, AsyncApiOperation] => [
    consumeOperationId(party, topic.name),
    operation(party, 'receive', topic.name, eventMessage, `${party} consumes ${topic.name}.`),
  ]);
  const deadLetter = topic.deadLetter;
  const deadLetters = deadLetter
    ? topic.consumers.map((party): [string, AsyncApiOperation] => [
        publishOperationId(party, deadLetter.name),
        operation(party, 'send', deadLetter.name, deadLetterMessageId(topic.name), `${party} dead-letters the ${topic.name} messages it cannot read or handle.`),
      ])
    : [];
  return [...publishes, ...consumes, ...deadLetters];
}

/** Escapes a key for use in a JSON pointer (RFC 6901). */
function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function parties(surface: IntegrationSurface): Record<string, AsyncApiParty> {
  return Object.fromEntries(
    surface.parties.map((party) => [party.name, { publishes: party.publishes, consumes: party.consumes, deadLetters: party.deadLetters }]),
  );
}
