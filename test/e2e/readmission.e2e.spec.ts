import { randomUUID } from 'node:crypto';
import { type ArrivalRecordedData, Topics, deadLetterTopicOf, readmissionWorkflowId } from '@oioo/contracts';
import { DeadLetterHeaders, type EventProducer, type IncomingMessage } from '@oioo/kafka';
import { caseViewQuery, type ReadmissionCaseView } from '@oioo/workflows-readmission';
import { CaseDriver } from '@oioo/workflows-readmission/testing';
import { connectProducer, recordTopic } from '../support/kafka-clients';
import { type RunningPlatform, startPlatform } from '../support/platform';
import { eventually, uniqueOpaqueId } from '../support/stack';

/** A simulated day passes in 5 real seconds: R3's 14 days take 70 s, R8's notice 25 s. */
const TIME_COMPRESSION = 17_280;

let platform: RunningPlatform;
let producer: EventProducer;
let requests: { messages: IncomingMessage[]; stop(): Promise<void> };
let manifests: { messages: IncomingMessage[]; stop(): Promise<void> };

beforeAll(async () => {
  platform = await startPlatform({ timeCompression: TIME_COMPRESSION });
  producer = await connectProducer('e2e-agencies');
  // France's side of the surface: what the UK sends it.
  requests = await recordTopic(Topics.readmissionRequestSent.name);
  manifests = await recordTopic(Topics.manifestNotified.name);
}, 180_000);

afterAll(async () => {
  await requests?.stop();
  await manifests?.stop();
  await producer?.disconnect();
  await platform?.stop();
});

function arrivalOf(caseId: string, overrides: Partial<ArrivalRecordedData> = {}): ArrivalRecordedData {
  return {
    caseId,
    personId: uniqueOpaqueId('per'),
    arrivedAt: new Date().toISOString(),
    route: 'apprehended',
    departedFrom: 'FR',
    crossingEvidence: [{ kind: 'interception-record', reference: 'HMC-INT-77' }],
    biometricTemplate: `tpl-${randomUUID()}`,
    ...overrides,
  };
}

function publishArrival(data: ArrivalRecordedData, eventId: string = randomUUID()) {
  return producer.publish(Topics.arrivalRecorded, { eventId, subject: data.caseId, source: 'uk-border-force', occurredAt: data.arrivedAt, data });
}

function driverFor(caseId: string): CaseDriver {
  return new CaseDriver(platform.client, platform.client.workflow.getHandle(readmissionWorkflowId(caseId)), caseId);
}

function caseView(caseId: string): Promise<ReadmissionCaseView> {
  return platform.client.workflow.getHandle(readmissionWorkflowId(caseId)).query(caseViewQuery);
}

function waitForCase(caseId: string, accept: (view: ReadmissionCaseView) => boolean, timeoutMs = 60_000) {
  return eventually(() => caseView(caseId), accept, timeoutMs);
}

function headersOf(message: IncomingMessage | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(message?.headers ?? {}).map(([name, value]) => [name, value.toString()]));
}

/** France's answer to the request the UK sent for a case, as France's system would publish it. */
async function franceReplies(caseId: string, kind: 'accepted' | 'refused' | 'extended') {
  const request = await eventually(
    async () => requests.messages.map((message) => JSON.parse(message.value?.toString() ?? '{}')).filter((event) => event.data?.caseId === caseId),
    (found) => found.length > 0,
  );
  const { requestReference } = request.at(-1).data;
  await producer.publish(Topics.franceReplied, { subject: caseId, source: 'fr-ministry-interior', occurredAt: new Date().toISOString(), data: { requestReference, caseId, kind } });
  return requestReference as string;
}

/** Opens a case through Border Force's event and takes it, as caseworkers would, to the request sent to France. */
async function caseAwaitingFrance(): Promise<{ caseId: string; driver: CaseDriver; data: ArrivalRecordedData }> {
  const data = arrivalOf(uniqueOpaqueId('case'));
  await publishArrival(data);
  await waitForCase(data.caseId, (view) => view.state === 'screening');
  const driver = driverFor(data.caseId);
  await driver.screenAsAdult();
  await driver.selectAndDetain();
  await driver.proposeInadmissible();
  await driver.approveInadmissibility();
  await waitForCase(data.caseId, (view) => view.state === 'awaiting-reply');
  return { caseId: data.caseId, driver, data };
}

describe('services on the real stack', () => {
  it.each(['identity', 'legalReview', 'transport'] as const)('%s reports Kafka, Temporal and its database up on /health', async (service) => {
    const response = await fetch(`${platform.urls[service]}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', checks: { kafka: 'up', temporal: 'up', database: 'up' } });
  });
});

describe('arrival events through Kafka to readmission cases', () => {
  it('an arrival event is consumed, validated and turned into a signal-with-start of its case workflow', async () => {
    const data = arrivalOf(uniqueOpaqueId('case'));
    await publishArrival(data);

    const view = await waitForCase(data.caseId, (found) => found.state === 'screening');
    expect(view.arrivedAt).toBe(data.arrivedAt);
    const described = await platform.client.workflow.getHandle(readmissionWorkflowId(data.caseId)).describe();
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

      const letters = await eventually(async () => recorder.messages.filter((message) => message.key?.toString() === key), (found) => found.length === 1);
      const headers = headersOf(letters[0]);
      expect(headers[DeadLetterHeaders.kind]).toBe('invalid');
      expect(headers[DeadLetterHeaders.sourceTopic]).toBe(Topics.arrivalRecorded.name);
      expect(Number(headers[DeadLetterHeaders.sourcePartition])).toBeGreaterThanOrEqual(0);
      expect(Number(headers[DeadLetterHeaders.sourceOffset])).toBeGreaterThanOrEqual(0);
      expect(headers[DeadLetterHeaders.reason]).toMatch(/eventId/);
      await waitForCase(valid.caseId, (view) => view.state === 'screening');
    } finally {
      await recorder.stop();
    }
  });

  it('a duplicated arrival event reaches the same case and opens no second one', async () => {
    const data = arrivalOf(uniqueOpaqueId('case'));
    const eventId = randomUUID();
    await publishArrival(data, eventId);
    await publishArrival(data, eventId);

    const view = await waitForCase(data.caseId, (found) => found.timeline.some((entry) => entry.what === 'duplicate-arrival-ignored'));
    expect(view.timeline.filter((entry) => entry.what === 'arrival-recorded')).toHaveLength(1);
    let runs = 0;
    for await (const _ of platform.client.workflow.list({ query: `WorkflowId = '${readmissionWorkflowId(data.caseId)}'` })) runs += 1;
    expect(runs).toBe(1);
  });
});

describe('a readmission case end to end, through all three services', () => {
  it('R3 R4 R5 R8 R9 R11 an arrival event travels through identity, legal-review and transport to a confirmed handover', async () => {
    const startedAt = Date.now();
    const { caseId, driver, data } = await caseAwaitingFrance();
    await franceReplies(caseId, 'accepted');
    await waitForCase(caseId, (view) => view.state === 'removal-directions');
    await driver.serveRemovalDirections();

    const booked = await waitForCase(caseId, (view) => view.state === 'movement-booked');
    const movementId = booked.movement?.movementId as string;
    // R9: France gets the manifest ahead of the movement, with opaque ids only.
    const manifest = await eventually(
      async () => manifests.messages.map((message) => JSON.parse(message.value?.toString() ?? '{}')).filter((event) => event.data?.movementId === movementId),
      (found) => found.some((event) => event.data.passengers.some((passenger: { caseId: string }) => passenger.caseId === caseId)),
      90_000,
    );
    expect(manifest.at(-1).data.passengers).toContainEqual({ caseId, personId: data.personId });
    // R5 is checked at the last moment, from legal-review's current view; nothing is pending.
    await waitForCase(caseId, (view) => view.state === 'cleared-for-transfer', 90_000);
    await producer.publish(Topics.boardingRecorded, {
      subject: caseId,
      source: 'uk-escorts',
      occurredAt: new Date().toISOString(),
      data: { movementId, caseId, outcome: 'boarded', recordedAt: new Date().toISOString() },
    });
    await waitForCase(caseId, (view) => view.state === 'in-transit');
    await producer.publish(Topics.handoverConfirmed, {
      subject: caseId,
      source: 'fr-ministry-interior',
      occurredAt: new Date().toISOString(),
      data: { handoverReference: uniqueOpaqueId('hov'), movementId, caseId, confirmedAt: new Date().toISOString() },
    });

    await expect(driver.handle.result()).resolves.toMatchObject({ outcome: 'transferred' });
    const elapsedMs = Date.now() - startedAt;
    process.stdout.write(`e2e: arrival event to confirmed handover in ${(elapsedMs / 1000).toFixed(1)} s at time compression ${TIME_COMPRESSION}\n`);
    // R11: the returned person is now on the returns register; the same biometrics would be found again.
    const check = await fetch(`${platform.urls.identity}/register-checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: data.biometricTemplate }),
    });
    expect(await check.json()).toMatchObject({ returned: true });
  });

  it('R7 an injunction lodged mid-way holds the transfer until it is released', async () => {
    const { caseId, driver, data } = await caseAwaitingFrance();
    await franceReplies(caseId, 'accepted');
    await waitForCase(caseId, (view) => view.state === 'removal-directions');
    await driver.serveRemovalDirections();
    const booked = await waitForCase(caseId, (view) => view.state === 'movement-booked');

    const challengeId = uniqueOpaqueId('chl');
    await producer.publish(Topics.challengeLodged, {
      subject: caseId,
      source: 'uk-courts',
      occurredAt: new Date().toISOString(),
      data: { challengeId, caseId, personId: data.personId, kind: 'injunction', lodgedAt: new Date().toISOString() },
    });
    const held = await waitForCase(caseId, (view) => view.onHold && view.state === 'awaiting-movement');
    expect(held.holds).toEqual([expect.objectContaining({ reference: challengeId, kind: 'injunction' })]);
    // Held: the seat was given back and nothing moves.
    const pending = (await (await fetch(`${platform.urls.legalReview}/cases/${caseId}/pending-matters`)).json()) as { pending: unknown[] };
    expect(pending.pending).toEqual([{ kind: 'injunction', reference: challengeId }]);

    await producer.publish(Topics.challengeDecided, {
      subject: caseId,
      source: 'uk-courts',
      occurredAt: new Date().toISOString(),
      data: { challengeId, caseId, outcome: 'dismissed', decidedAt: new Date().toISOString() },
    });
    const resumed = await waitForCase(caseId, (view) => !view.onHold && view.state === 'movement-booked');
    expect(resumed.movement?.movementId).toBeDefined();
    expect(booked.movement?.movementId).toBeDefined();
    await driver.handle.terminate('test finished');
  });

  it('an out-of-order French reply (before any request) goes to the dead-letter topic with its reason, and the case is unharmed', async () => {
    const recorder = await recordTopic(deadLetterTopicOf(Topics.franceReplied.name));
    try {
      const data = arrivalOf(uniqueOpaqueId('case'));
      await publishArrival(data);
      const before = await waitForCase(data.caseId, (view) => view.state === 'screening');
      await producer.publish(Topics.franceReplied, {
        subject: data.caseId,
        source: 'fr-ministry-interior',
        occurredAt: new Date().toISOString(),
        data: { requestReference: uniqueOpaqueId('req'), caseId: data.caseId, kind: 'accepted' },
      });

      const letters = await eventually(async () => recorder.messages.filter((message) => message.key?.toString() === data.caseId), (found) => found.length === 1);
      const headers = headersOf(letters[0]);
      expect(headers[DeadLetterHeaders.kind]).toBe('rejected');
      expect(headers[DeadLetterHeaders.reason]).toMatch(/request/);
      expect(await caseView(data.caseId)).toEqual(before);
    } finally {
      await recorder.stop();
    }
  });
});
