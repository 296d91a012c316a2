import { randomUUID } from 'node:crypto';
import { type EoiSubmittedData, type EventEnvelope, type PresenceRequestedData, Topics, eoiWorkflowId, presenceRequestedDataSchema } from '@oioo/contracts';
import { type LegalRouteTestApp, countRows, eoiSubmittedEvent, presenceConfirmedEvent, startLegalRouteTestApp } from '../test-support/legal-route-test-kit';
import { opaqueId, problemDocument } from '../test-support/identity-test-kit';

let kit: LegalRouteTestApp;

beforeAll(async () => {
  kit = await startLegalRouteTestApp();
}, 60_000);

afterAll(() => kit?.close());

afterEach(() => {
  kit.transport.sendError = undefined;
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** A submitted EOI whose case is open (on the fake Temporal client). */
async function submittedEoi(): Promise<EventEnvelope<EoiSubmittedData>> {
  const event = eoiSubmittedEvent();
  await kit.deliver(Topics.eoiSubmitted, event);
  return event;
}

/** The adults of the submitted family: main applicant and partner. */
function adultsOf(event: EventEnvelope<EoiSubmittedData>): string[] {
  return event.data.applicants.filter((person) => person.role !== 'child').map((person) => person.personId);
}

function presenceRequestsFor(eoiId: string) {
  return kit.published<PresenceRequestedData>(Topics.presenceRequested).filter((message) => message.key === eoiId);
}

describe('POST /presence-requests', () => {
  it('E2 asks the adults through the portal, keyed by the EOI, with confirmBy = askedAt + confirmWithinMs', async () => {
    const eoi = await submittedEoi();
    const { eoiId } = eoi.data;
    const started = Date.now();

    const answer = await kit.request('POST', '/presence-requests', { eoiId, personIds: adultsOf(eoi), confirmWithinMs: DAY_MS, idempotencyKey: `eoi:${eoiId}:presence:1` });

    expect(answer.status).toBe(200);
    const { askedAt, confirmBy } = answer.body as { askedAt: string; confirmBy: string };
    expect(Date.parse(askedAt)).toBeGreaterThanOrEqual(started);
    expect(Date.parse(askedAt)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(confirmBy) - Date.parse(askedAt)).toBe(DAY_MS);
    const [sent, ...more] = presenceRequestsFor(eoiId);
    expect(more).toEqual([]);
    expect(sent?.event).toMatchObject({ source: 'uk-identity', subject: eoiId, occurredAt: askedAt, correlationId: eoiWorkflowId(eoiId) });
    expect(presenceRequestedDataSchema.parse(sent?.event.data)).toEqual({ eoiId, personIds: adultsOf(eoi), askedAt, confirmBy });
    expect(await countRows(kit.db, 'presence_requests', eoiId)).toBe(1);
  });

  it('E2 is idempotent by key: a repeat answers the first times and publishes nothing again', async () => {
    const eoi = await submittedEoi();
    const body = { eoiId: eoi.data.eoiId, personIds: adultsOf(eoi), confirmWithinMs: 60_000, idempotencyKey: `eoi:${eoi.data.eoiId}:presence:1` };

    const first = await kit.request('POST', '/presence-requests', body);
    const repeat = await kit.request('POST', '/presence-requests', body);

    expect(first.status).toBe(200);
    expect(repeat).toEqual(first);
    expect(presenceRequestsFor(eoi.data.eoiId)).toHaveLength(1);
    expect(await countRows(kit.db, 'presence_requests', eoi.data.eoiId)).toBe(1);
  });

  it('refuses a key reused for another request with 409 IDEMPOTENCY_KEY_REUSED, and sends nothing', async () => {
    const eoi = await submittedEoi();
    const body = { eoiId: eoi.data.eoiId, personIds: adultsOf(eoi), confirmWithinMs: 60_000, idempotencyKey: `eoi:${eoi.data.eoiId}:presence:1` };
    await kit.request('POST', '/presence-requests', body);

    const reused = await kit.request('POST', '/presence-requests', { ...body, personIds: adultsOf(eoi).slice(0, 1) });

    expect(reused).toEqual({ status: 409, body: problemDocument(409, 'IDEMPOTENCY_KEY_REUSED', expect.any(String)) });
    expect(presenceRequestsFor(eoi.data.eoiId)).toHaveLength(1);
  });

  it('answers 503 when the request cannot be published, and the retry with the same key publishes the same event', async () => {
    const eoi = await submittedEoi();
    const body = { eoiId: eoi.data.eoiId, personIds: adultsOf(eoi), confirmWithinMs: 60_000, idempotencyKey: `eoi:${eoi.data.eoiId}:presence:1` };
    kit.transport.sendError = new Error('broker unreachable');

    const failed = await kit.request('POST', '/presence-requests', body);
    expect(failed).toEqual({ status: 503, body: problemDocument(503, 'PUBLISH_FAILED', expect.any(String)) });
    kit.transport.sendError = undefined;
    const retried = await kit.request('POST', '/presence-requests', body);

    expect(retried.status).toBe(200);
    const [sent, ...more] = presenceRequestsFor(eoi.data.eoiId);
    expect(more).toEqual([]);
    expect(sent?.event.data).toMatchObject(retried.body as object);
  });

  it('E2 refuses an unknown EOI with 404 UNKNOWN_EOI and a person not in the EOI with 422 NOT_IN_EOI', async () => {
    const unknown = opaqueId('eoi');
    await expect(kit.request('POST', '/presence-requests', { eoiId: unknown, personIds: [opaqueId('per')], confirmWithinMs: DAY_MS, idempotencyKey: `eoi:${unknown}:presence:1` })).resolves.toEqual({
      status: 404,
      body: problemDocument(404, 'UNKNOWN_EOI', `identity has received no submission of ${unknown}`),
    });
    const eoi = await submittedEoi();
    const stranger = opaqueId('per');
    await expect(
      kit.request('POST', '/presence-requests', { eoiId: eoi.data.eoiId, personIds: [...adultsOf(eoi), stranger], confirmWithinMs: DAY_MS, idempotencyKey: `eoi:${eoi.data.eoiId}:presence:1` }),
    ).resolves.toEqual({ status: 422, body: problemDocument(422, 'NOT_IN_EOI', `not in EOI ${eoi.data.eoiId}: ${stranger}`) });
    expect(presenceRequestsFor(unknown)).toEqual([]);
    expect(presenceRequestsFor(eoi.data.eoiId)).toEqual([]);
  });

  it('refuses a body that breaks requestPresenceBodySchema with 400 INVALID_INPUT', async () => {
    const answer = await kit.request('POST', '/presence-requests', { eoiId: 'Jane Doe', personIds: [], confirmWithinMs: -1, idempotencyKey: 'k' });
    expect(answer).toEqual({ status: 400, body: problemDocument(400, 'INVALID_INPUT', expect.stringMatching(/eoiId.*personIds.*confirmWithinMs.*idempotencyKey/)) });
  });
});

describe('presence confirmations from the portal', () => {
  it('E2 signals the EOI case with the confirmation: event id, person, when and where', async () => {
    const eoi = await submittedEoi();
    const [main] = adultsOf(eoi);
    const confirmation = presenceConfirmedEvent(eoi.data.eoiId, main as string);

    await kit.deliver(Topics.presenceConfirmed, confirmation);

    expect(kit.temporal.signalsTo(eoiWorkflowId(eoi.data.eoiId), 'presenceConfirmed')).toEqual([
      { eventId: confirmation.eventId, personId: main, confirmedAt: '2025-09-03T12:00:00Z', country: 'FRA' },
    ]);
    expect(kit.deadLetters(Topics.presenceConfirmed)).toEqual([]);
  });

  it('E2 a confirmation for an unknown EOI is dead-lettered as rejected with its reason, and no case is signalled', async () => {
    const eoiId = opaqueId('eoi');
    const before = kit.deadLetters(Topics.presenceConfirmed).length;

    await kit.deliver(Topics.presenceConfirmed, presenceConfirmedEvent(eoiId, opaqueId('per')));

    expect(kit.deadLetters(Topics.presenceConfirmed).slice(before)).toEqual([
      expect.objectContaining({ kind: 'rejected', reason: `a confirmation for an unknown EOI: identity has received no submission of ${eoiId}` }),
    ]);
    expect(kit.temporal.signalsTo(eoiWorkflowId(eoiId))).toEqual([]);
  });

  it('E2 a confirmation by a person who is not in the EOI is dead-lettered as rejected with its reason', async () => {
    const eoi = await submittedEoi();
    const stranger = opaqueId('per');
    const before = kit.deadLetters(Topics.presenceConfirmed).length;

    await kit.deliver(Topics.presenceConfirmed, presenceConfirmedEvent(eoi.data.eoiId, stranger));

    expect(kit.deadLetters(Topics.presenceConfirmed).slice(before)).toEqual([
      expect.objectContaining({ kind: 'rejected', reason: `a confirmation for a person who is not in EOI ${eoi.data.eoiId}: ${stranger}` }),
    ]);
    expect(kit.temporal.signalsTo(eoiWorkflowId(eoi.data.eoiId), 'presenceConfirmed')).toEqual([]);
  });

  it('E2 a confirmation for an EOI whose case has ended is dead-lettered as rejected, naming the workflow', async () => {
    const eoi = await submittedEoi();
    kit.temporal.end(eoiWorkflowId(eoi.data.eoiId));
    const before = kit.deadLetters(Topics.presenceConfirmed).length;

    await kit.deliver(Topics.presenceConfirmed, presenceConfirmedEvent(eoi.data.eoiId, adultsOf(eoi)[0] as string));

    expect(kit.deadLetters(Topics.presenceConfirmed).slice(before)).toEqual([
      expect.objectContaining({ kind: 'rejected', reason: `no running EOI case eoi:${eoi.data.eoiId}: it was never opened or has already ended` }),
    ]);
  });

  it('a confirmation that fails its schema (not an opaque person id) is dead-lettered as invalid', async () => {
    const eoi = await submittedEoi();
    const event = presenceConfirmedEvent(eoi.data.eoiId, adultsOf(eoi)[0] as string);
    const before = kit.deadLetters(Topics.presenceConfirmed).length;

    await kit.deliver(Topics.presenceConfirmed, JSON.stringify({ ...event, eventId: randomUUID(), data: { ...event.data, personId: 'Amanuel Ghebremichael' } }), eoi.data.eoiId);

    const [dead] = kit.deadLetters(Topics.presenceConfirmed).slice(before);
    expect(dead?.kind).toBe('invalid');
    expect(dead?.reason).toMatch(/data\.personId/);
    expect(kit.temporal.signalsTo(eoiWorkflowId(eoi.data.eoiId), 'presenceConfirmed')).toEqual([]);
  });
});
