import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  consumedByPlatform,
  deadLetterTopicOf,
  envelopeFieldsSchema,
  eventEnvelopeSchema,
  Topics,
  topicCatalogue,
  topicsToProvision,
  type ArrivalRecordedEvent,
} from '@oioo/contracts';
import { DeadLetterHeaders, EventHeaders } from '@oioo/kafka';
import { REPO_ROOT } from '../stack/repo-paths';
import { buildAsyncApiDocument, consumeOperationId, publishOperationId, REGENERATE_COMMAND } from './asyncapi';
import { type AsyncApiDocument } from './asyncapi-types';
import { generatedDocs } from './generated-docs';
import { schemaProblems } from './json-schema-check';
import { deadLetterHeaderDescriptions, envelopeFieldDescriptions, eventHeaderDescriptions } from './surface-descriptions';
import { dataSchemaOf, type JsonSchema } from './surface-schemas';

/** An arrival as Border Force would publish it, written out by hand rather than by the code under test. */
const arrivalExample: ArrivalRecordedEvent = {
  eventId: '0b7f8a9c-3d2e-4f1a-9b8c-7d6e5f4a3b2c',
  type: 'border-force.arrival.recorded.v1',
  source: 'uk-border-force',
  subject: 'case_01J9ZQ4X7K3M2N8P6R5T',
  occurredAt: '2025-08-10T05:12:00Z',
  schemaVersion: 1,
  correlationId: '0b7f8a9c-3d2e-4f1a-9b8c-7d6e5f4a3b2c',
  data: {
    caseId: 'case_01J9ZQ4X7K3M2N8P6R5T',
    personId: 'per_01J9ZQ4X7K3M2N8P6R5V',
    arrivedAt: '2025-08-10T05:12:00+01:00',
    route: 'search-and-rescue',
    departedFrom: 'FR',
    crossingEvidence: [{ kind: 'rescue-record', reference: 'SAR-2025-118' }],
    biometricTemplate: 'tpl-3f9a1c7e5b2d4a60',
  },
};

const arrivalHeaders = { 'event-id': arrivalExample.eventId, 'event-type': arrivalExample.type };

function eventMessageOf(doc: AsyncApiDocument, topicName: string) {
  const messages = Object.values(doc.channels[topicName]?.messages ?? {});
  if (messages.length !== 1 || !messages[0]) throw new Error(`Channel ${topicName} should carry exactly one message, but has ${messages.length}`);
  return messages[0];
}

/** Follows a local JSON pointer such as `#/channels/x/messages/y`. */
function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Not a local reference: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[token] : undefined), doc);
}

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
}

describe('AsyncAPI document of the integration surface', () => {
  const doc = buildAsyncApiDocument();

  it('has a channel for every catalogue topic and every dead-letter topic, and no other', () => {
    const expected = topicsToProvision().map((topic) => topic.name);
    expect(Object.keys(doc.channels).sort()).toEqual([...expected].sort());
    expect(expected).toEqual(expect.arrayContaining(topicCatalogue.filter(consumedByPlatform).map((topic) => deadLetterTopicOf(topic.name))));
    for (const [id, channel] of Object.entries(doc.channels)) expect(channel.address).toBe(id);
  });

  it('gives each channel the partitions and retention the topic is provisioned with', () => {
    for (const topic of topicsToProvision()) {
      expect(doc.channels[topic.name]?.bindings.kafka).toMatchObject({ partitions: topic.partitions, topicConfiguration: { 'retention.ms': topic.retentionMs } });
    }
  });

  it('has a send operation per producer and a receive operation per consumer of every topic, plus the consumers dead-lettering', () => {
    const expected: Record<string, { action: string; channel: string }> = {};
    for (const topic of topicCatalogue) {
      for (const party of topic.producers) expected[publishOperationId(party, topic.name)] = { action: 'send', channel: topic.name };
      for (const party of topic.consumers) {
        expected[consumeOperationId(party, topic.name)] = { action: 'receive', channel: topic.name };
        if (consumedByPlatform(topic)) expected[publishOperationId(party, deadLetterTopicOf(topic.name))] = { action: 'send', channel: deadLetterTopicOf(topic.name) };
      }
    }
    const actual = Object.fromEntries(
      Object.entries(doc.operations).map(([id, operation]) => [id, { action: operation.action, channel: (resolvePointer(doc, operation.channel.$ref) as { address: string }).address }]),
    );
    expect(actual).toEqual(expected);
    for (const [id, operation] of Object.entries(doc.operations)) {
      const party = operation.tags[0]?.name ?? '';
      expect(doc['x-parties'][party]).toBeDefined();
      expect(id.startsWith(`${party}.`)).toBe(true);
    }
  });

  it('resolves every $ref in the document', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect({ ref, resolved: resolvePointer(doc, ref) !== undefined }).toEqual({ ref, resolved: true });
  });

  describe('an arrival-recorded event written by hand', () => {
    const message = eventMessageOf(doc, Topics.arrivalRecorded.name);

    it('is valid under the contract and under the payload, key and header schemas of its channel', () => {
      expect(eventEnvelopeSchema(Topics.arrivalRecorded.data).safeParse(arrivalExample).success).toBe(true);
      expect(schemaProblems(message.payload, arrivalExample)).toEqual([]);
      expect(schemaProblems(message.bindings.kafka.key, arrivalExample.subject)).toEqual([]);
      expect(schemaProblems(message.headers, arrivalHeaders)).toEqual([]);
    });

    it('has every field the payload schema requires, at every level', () => {
      const payload = message.payload;
      const data = payload.properties?.['data'] as JsonSchema;
      const evidence = (data.properties?.['crossingEvidence'] as JsonSchema).items as JsonSchema;
      expect(Object.keys(arrivalExample)).toEqual(expect.arrayContaining(payload.required ?? []));
      expect(Object.keys(arrivalExample.data)).toEqual(expect.arrayContaining(data.required ?? []));
      expect(Object.keys(arrivalExample.data.crossingEvidence[0]!)).toEqual(expect.arrayContaining(evidence.required ?? []));
      expect(payload.required).toEqual(expect.arrayContaining(['eventId', 'type', 'subject', 'data']));
    });

    it.each<[string, unknown]>([
      ['a name as subject (S3)', { ...arrivalExample, subject: 'Amira Haddad' }],
      ['a missing case id', { ...arrivalExample, data: { ...arrivalExample.data, caseId: undefined } }],
      ['an unknown route', { ...arrivalExample, data: { ...arrivalExample.data, route: 'swam' } }],
      ['a departure country that is not a two-letter code', { ...arrivalExample, data: { ...arrivalExample.data, departedFrom: 'France' } }],
    ])('is rejected by the contract and by the payload schema with %s', (_case, invalid) => {
      const json = JSON.parse(JSON.stringify(invalid)) as unknown;
      expect(eventEnvelopeSchema(Topics.arrivalRecorded.data).safeParse(json).success).toBe(false);
      expect(schemaProblems(message.payload, json)).not.toEqual([]);
    });

    it("is rejected by the payload schema when it claims another topic's type or version, as consumers reject it", () => {
      expect(schemaProblems(message.payload, { ...arrivalExample, type: 'border-force.arrival.recorded.v2' })).toEqual(['$.type: must be "border-force.arrival.recorded.v1"']);
      expect(schemaProblems(message.payload, { ...arrivalExample, schemaVersion: 2 })).toEqual(['$.schemaVersion: must be 1']);
    });

    it('would dead-letter with dlq-* headers that the dead-letter channel describes', () => {
      const deadLetter = Object.values(doc.channels[deadLetterTopicOf(Topics.arrivalRecorded.name)]?.messages ?? {})[0]!;
      const headers = {
        ...arrivalHeaders,
        [DeadLetterHeaders.reason]: 'Handler failed 3 time(s); last error: Error: boom',
        [DeadLetterHeaders.kind]: 'handler-failed',
        [DeadLetterHeaders.sourceTopic]: Topics.arrivalRecorded.name,
        [DeadLetterHeaders.sourcePartition]: '4',
        [DeadLetterHeaders.sourceOffset]: '1207',
        [DeadLetterHeaders.failedAt]: '2025-08-10T05:13:02.114Z',
        [DeadLetterHeaders.consumerGroup]: 'identity',
        [DeadLetterHeaders.attempts]: '3',
      };
      expect(schemaProblems(deadLetter.headers, headers)).toEqual([]);
      expect(Object.keys(deadLetter.headers.properties ?? {})).toEqual(expect.arrayContaining(Object.values(DeadLetterHeaders)));
      expect(schemaProblems(deadLetter.headers, { ...headers, [DeadLetterHeaders.kind]: 'lost' })).not.toEqual([]);
    });
  });

  it('puts each topic’s own data schema, unchanged but for a description, inside the envelope of its payload', () => {
    const envelopeRequired = Object.entries(envelopeFieldsSchema.shape)
      .filter(([, field]) => !field.safeParse(undefined).success)
      .map(([name]) => name);
    for (const topic of topicCatalogue) {
      const payload = eventMessageOf(doc, topic.name).payload;
      const { description: _description, ...data } = payload.properties?.['data'] as JsonSchema;
      expect(data).toEqual(dataSchemaOf(topic));
      expect(payload.required).toEqual(expect.arrayContaining([...envelopeRequired, 'data']));
      expect(payload.properties?.['type']).toMatchObject({ const: topic.name });
    }
  });

  it('describes every envelope field and header the code defines, and nothing else', () => {
    expect(Object.keys(envelopeFieldDescriptions).sort()).toEqual([...Object.keys(envelopeFieldsSchema.shape), 'data'].sort());
    expect(Object.keys(eventHeaderDescriptions).sort()).toEqual(Object.keys(EventHeaders).sort());
    expect(Object.keys(deadLetterHeaderDescriptions).sort()).toEqual(Object.keys(DeadLetterHeaders).sort());
  });

  it('takes its version from the root package.json and names both servers', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(doc.info.version).toBe(version);
    expect(doc.servers['local']).toMatchObject({ host: '127.0.0.1:9092', protocol: 'kafka' });
    expect(doc.servers['production']?.description).toContain('KAFKA_BROKERS');
  });

  it('comes out the same, key for key, every time it is built', () => {
    expect(JSON.stringify(buildAsyncApiDocument())).toBe(JSON.stringify(doc));
  });
});

describe('committed integration-surface documents', () => {
  it.each(generatedDocs())('$path is what the contracts generate now', ({ path, absolutePath, content }) => {
    let committed: string;
    try {
      // A checkout with CRLF line endings holds the same document.
      committed = readFileSync(absolutePath, 'utf8').replace(/\r\n/g, '\n');
    } catch {
      throw new Error(`${path} is missing. Generate it with: ${REGENERATE_COMMAND}`);
    }
    if (committed === content) return;
    const committedLines = committed.split('\n');
    const generatedLines = content.split('\n');
    const line = committedLines.findIndex((text, index) => text !== generatedLines[index]);
    const at = line === -1 ? generatedLines.length : line;
    throw new Error(
      `${path} is out of date with the contracts (first difference at line ${at + 1}:\n` +
        `  committed: ${committedLines[at] ?? '<end of file>'}\n  generated: ${generatedLines[at] ?? '<end of file>'}).\n` +
        `Regenerate it and commit the result: ${REGENERATE_COMMAND}`,
    );
  });
});
