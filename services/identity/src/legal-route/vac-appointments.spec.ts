import { type AppointmentBookedData, type EoiSubmittedData, type EventEnvelope, Topics, appointmentBookedDataSchema, eoiWorkflowId } from '@oioo/contracts';
import { opaqueId, problemDocument } from '../test-support/identity-test-kit';
import { type LegalRouteTestApp, countRows, eoiSubmittedEvent, startLegalRouteTestApp } from '../test-support/legal-route-test-kit';

const HOUR_MS = 60 * 60 * 1000;

let kit: LegalRouteTestApp;

beforeAll(async () => {
  kit = await startLegalRouteTestApp();
}, 60_000);

afterAll(() => kit?.close());

afterEach(() => {
  kit.transport.sendError = undefined;
});

async function submittedEoi(target: LegalRouteTestApp = kit): Promise<EventEnvelope<EoiSubmittedData>> {
  const event = eoiSubmittedEvent();
  await target.deliver(Topics.eoiSubmitted, event);
  return event;
}

function everyoneIn(event: EventEnvelope<EoiSubmittedData>): string[] {
  return event.data.applicants.map((person) => person.personId);
}

function bookingsFor(eoiId: string, target: LegalRouteTestApp = kit) {
  return target.published<AppointmentBookedData>(Topics.appointmentBooked).filter((message) => message.key === eoiId);
}

describe('POST /vac-appointments', () => {
  it('E7 books everyone in the EOI, children included, at the Paris centre 72 hours ahead, and publishes the booking keyed by the EOI', async () => {
    const eoi = await submittedEoi();
    const { eoiId } = eoi.data;
    const started = Date.now();

    const answer = await kit.request('POST', '/vac-appointments', { eoiId, personIds: everyoneIn(eoi), idempotencyKey: `eoi:${eoiId}:appointment:1` });

    expect(answer.status).toBe(200);
    const { appointmentReference, centre, at } = answer.body as { appointmentReference: string; centre: string; at: string };
    expect(appointmentReference).toMatch(/^vac_[0-9a-f]{32}$/);
    expect(centre).toBe('Paris');
    expect(Date.parse(at)).toBeGreaterThanOrEqual(started + 72 * HOUR_MS);
    expect(Date.parse(at)).toBeLessThanOrEqual(Date.now() + 72 * HOUR_MS);
    const [sent, ...more] = bookingsFor(eoiId);
    expect(more).toEqual([]);
    expect(sent?.event).toMatchObject({ source: 'uk-identity', subject: eoiId, correlationId: eoiWorkflowId(eoiId) });
    expect(appointmentBookedDataSchema.parse(sent?.event.data)).toEqual({ eoiId, appointmentReference, personIds: everyoneIn(eoi), centre: 'Paris', at });
  });

  it('E7 is idempotent by key: a repeat answers the same appointment and publishes nothing again', async () => {
    const eoi = await submittedEoi();
    const body = { eoiId: eoi.data.eoiId, personIds: everyoneIn(eoi), idempotencyKey: `eoi:${eoi.data.eoiId}:appointment:1` };

    const first = await kit.request('POST', '/vac-appointments', body);
    const repeat = await kit.request('POST', '/vac-appointments', body);

    expect(first.status).toBe(200);
    expect(repeat).toEqual(first);
    expect(bookingsFor(eoi.data.eoiId)).toHaveLength(1);
    expect(await countRows(kit.db, 'vac_appointments', eoi.data.eoiId)).toBe(1);
  });

  it('answers 503 when the booking cannot be published, and the retry publishes the same appointment', async () => {
    const eoi = await submittedEoi();
    const body = { eoiId: eoi.data.eoiId, personIds: everyoneIn(eoi), idempotencyKey: `eoi:${eoi.data.eoiId}:appointment:1` };
    kit.transport.sendError = new Error('broker unreachable');

    await expect(kit.request('POST', '/vac-appointments', body)).resolves.toEqual({ status: 503, body: problemDocument(503, 'PUBLISH_FAILED', expect.any(String)) });
    kit.transport.sendError = undefined;
    const retried = await kit.request('POST', '/vac-appointments', body);

    expect(retried.status).toBe(200);
    expect(bookingsFor(eoi.data.eoiId).map((message) => message.event.data.appointmentReference)).toEqual([(retried.body as { appointmentReference: string }).appointmentReference]);
    expect(await countRows(kit.db, 'vac_appointments', eoi.data.eoiId)).toBe(1);
  });

  it('E7 refuses an unknown EOI with 404, a person not in the EOI with 422, and a reused key with 409', async () => {
    const unknown = opaqueId('eoi');
    await expect(kit.request('POST', '/vac-appointments', { eoiId: unknown, personIds: [opaqueId('per')], idempotencyKey: `eoi:${unknown}:appointment:1` })).resolves.toMatchObject({
      status: 404,
      body: { code: 'UNKNOWN_EOI' },
    });
    const eoi = await submittedEoi();
    const key = `eoi:${eoi.data.eoiId}:appointment:1`;
    await expect(kit.request('POST', '/vac-appointments', { eoiId: eoi.data.eoiId, personIds: [opaqueId('per')], idempotencyKey: key })).resolves.toMatchObject({
      status: 422,
      body: { code: 'NOT_IN_EOI' },
    });
    await kit.request('POST', '/vac-appointments', { eoiId: eoi.data.eoiId, personIds: everyoneIn(eoi), idempotencyKey: key });
    await expect(kit.request('POST', '/vac-appointments', { eoiId: eoi.data.eoiId, personIds: everyoneIn(eoi).slice(1), idempotencyKey: key })).resolves.toMatchObject({
      status: 409,
      body: { code: 'IDEMPOTENCY_KEY_REUSED' },
    });
    expect(bookingsFor(eoi.data.eoiId)).toHaveLength(1);
  });

  it('E7 the lead time is VAC_APPOINTMENT_LEAD_HOURS shortened by the legal-route time compression', async () => {
    const compressed = await startLegalRouteTestApp({ vacAppointmentLeadHours: 48, legalRouteTimeCompression: 1440 });
    try {
      const eoi = await submittedEoi(compressed);
      const started = Date.now();
      const answer = await compressed.request('POST', '/vac-appointments', { eoiId: eoi.data.eoiId, personIds: everyoneIn(eoi), idempotencyKey: `eoi:${eoi.data.eoiId}:appointment:1` });

      // 48 hours at a simulated day a minute: 2 minutes.
      const { at } = answer.body as { at: string };
      expect(Date.parse(at)).toBeGreaterThanOrEqual(started + 2 * 60_000);
      expect(Date.parse(at)).toBeLessThanOrEqual(Date.now() + 2 * 60_000);
      expect(bookingsFor(eoi.data.eoiId, compressed)).toHaveLength(1);
    } finally {
      await compressed.close();
    }
  }, 60_000);
});
