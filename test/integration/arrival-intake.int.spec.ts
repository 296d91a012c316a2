import { randomUUID } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type ArrivalRecordedData, Topics, deadLetterTopicOf, readmissionWorkflowId } from '@oioo/contracts';
import { DeadLetterHeaders, EventConsumer, type EventProducer } from '@oioo/kafka';
import { caseViewQuery } from '@oioo/workflows-readmission';
import { IdentityAppModule } from '@oioo/identity';
import { connectProducer, recordTopic } from '../support/kafka-clients';
import { useStackTemporal } from '../support/temporal-fixture';
import { eventually, uniqueOpaqueId } from '../support/stack';

let identity: INestApplication;
let identityUrl: string;
const stack = useStackTemporal();
let producer: EventProducer;

beforeAll(async () => {
  producer = await connectProducer('test-border-force');
  identity = await NestFactory.create(IdentityAppModule, { logger: ['error', 'warn'] });
  identity.enableShutdownHooks();
  await identity.listen(0, '127.0.0.1');
  identityUrl = await identity.getUrl();
  await identity.get(EventConsumer).waitUntilJoined(60_000);
});

afterAll(async () => {
  await identity?.close();
  await producer?.disconnect();
});

function arrivalOf(caseId: string): ArrivalRecordedData {
  return {
    caseId,
    personId: uniqueOpaqueId('per'),
    arrivedAt: new Date().toISOString(),
    route: 'apprehended',
    departedFrom: 'FR',
    crossingEvidence: [{ kind: 'interception-record', reference: 'HMC-INT-77' }],
    biometricTemplate: 'tpl-3f9a1c7e5b2d4a60',
  };
}

function publishArrival(data: ArrivalRecordedData, eventId: string = randomUUID()) {
  return producer.publish(Topics.arrivalRecorded, { eventId, subject: data.caseId, source: 'uk-border-force', occurredAt: data.arrivedAt, data });
}

function caseView(caseId: string) {
  return stack.client.workflow.getHandle(readmissionWorkflowId(caseId)).query(caseViewQuery);
}

describe('arrival events through Kafka to readmission cases (real broker and server)', () => {
  it('the identity service reports Kafka and Temporal up on /health', async () => {
    const response = await fetch(`${identityUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'identity', checks: { kafka: 'up', temporal: 'up' } });
  });

  it('an arrival event is consumed, validated and turned into a signal-with-start of its case workflow', async () => {
    const data = arrivalOf(uniqueOpaqueId('case'));
    await publishArrival(data);

    const view = await eventually(() => caseView(data.caseId), (found) => found.state === 'screening');
    expect(view.arrivedAt).toBe(data.arrivedAt);
    const described = await stack.client.workflow.getHandle(readmissionWorkflowId(data.caseId)).describe();
    expect(described.searchAttributes['CaseKind']).toEqual(['readmission']);
    expect(described.searchAttributes['CaseState']).toEqual(['screening']);
  });

  it('a malformed event lands on the dead-letter topic with its reason, and the next valid event is still processed', async () => {
    const recorder = await recordTopic(deadLetterTopicOf(Topics.arrivalRecorded.name));
    try {
      const key = uniqueOpaqueId('case');
      // Same key, so both land on one partition, in order: the bad one first.
      await producer.publishRaw(Topics.arrivalRecorded.name, key, JSON.stringify({ eventId: 'not-a-uuid', type: Topics.arrivalRecorded.name }));
      const valid = arrivalOf(key);
      await publishArrival(valid);

      const letters = await eventually(
        async () => recorder.messages.filter((message) => message.key?.toString() === key),
        (found) => found.length === 1,
      );
      const headers = Object.fromEntries(Object.entries(letters[0]?.headers ?? {}).map(([name, value]) => [name, value.toString()]));
      expect(headers[DeadLetterHeaders.kind]).toBe('invalid');
      expect(headers[DeadLetterHeaders.sourceTopic]).toBe(Topics.arrivalRecorded.name);
      expect(Number(headers[DeadLetterHeaders.sourcePartition])).toBeGreaterThanOrEqual(0);
      expect(Number(headers[DeadLetterHeaders.sourceOffset])).toBeGreaterThanOrEqual(0);
      expect(headers[DeadLetterHeaders.reason]).toMatch(/eventId/);

      await eventually(() => caseView(valid.caseId), (view) => view.state === 'screening');
    } finally {
      await recorder.stop();
    }
  });

  it('a duplicated arrival event reaches the same case and opens no second one', async () => {
    const data = arrivalOf(uniqueOpaqueId('case'));
    const eventId = randomUUID();
    await publishArrival(data, eventId);
    await publishArrival(data, eventId);

    const view = await eventually(() => caseView(data.caseId), (found) => found.timeline.some((entry) => entry.what === 'duplicate-arrival-ignored'));
    expect(view.timeline.filter((entry) => entry.what === 'arrival-recorded')).toHaveLength(1);
    const runs = stack.client.workflow.list({ query: `WorkflowId = '${readmissionWorkflowId(data.caseId)}'` });
    let count = 0;
    for await (const _ of runs) count += 1;
    expect(count).toBe(1);
  });
});
