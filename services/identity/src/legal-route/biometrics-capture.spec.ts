import { randomUUID } from 'node:crypto';
import { type EoiSubmittedData, type EventEnvelope, Topics, eoiWorkflowId } from '@oioo/contracts';
import { opaqueId } from '../test-support/identity-test-kit';
import { type LegalRouteTestApp, biometricsCapturedEvent, countRows, eoiSubmittedEvent, startLegalRouteTestApp } from '../test-support/legal-route-test-kit';

let kit: LegalRouteTestApp;

beforeAll(async () => {
  kit = await startLegalRouteTestApp();
}, 60_000);

afterAll(() => kit?.close());

/** A submitted family and an appointment booked for the given people of it (everyone by default). */
async function bookedEoi(who: (event: EventEnvelope<EoiSubmittedData>) => string[] = (event) => event.data.applicants.map((person) => person.personId)) {
  const eoi = eoiSubmittedEvent();
  await kit.deliver(Topics.eoiSubmitted, eoi);
  const answer = await kit.request('POST', '/vac-appointments', { eoiId: eoi.data.eoiId, personIds: who(eoi), idempotencyKey: `eoi:${eoi.data.eoiId}:appointment:1` });
  const { appointmentReference } = answer.body as { appointmentReference: string };
  const [main, partner, child] = eoi.data.applicants.map((person) => person.personId) as [string, string, string];
  return { eoiId: eoi.data.eoiId, appointmentReference, main, partner, child };
}

function biometricSignalsTo(eoiId: string): unknown[] {
  return kit.temporal.signalsTo(eoiWorkflowId(eoiId), 'biometricsCaptured');
}

describe('biometrics captured at the visa application centre', () => {
  it('E7 S3 enrols the template for the EOI and signals the case with the enrolment reference, never the template', async () => {
    const { eoiId, appointmentReference, main } = await bookedEoi();
    const capture = biometricsCapturedEvent(eoiId, appointmentReference, main);

    await kit.deliver(Topics.biometricsCaptured, capture);

    const [enrolment, ...others] = await kit.services.enrolments.listForPerson(kit.db, main);
    expect(others).toEqual([]);
    expect(enrolment).toEqual({ reference: expect.stringMatching(/^enr_[0-9a-f]{32}$/), personId: main, caseId: eoiId, context: 'eoi', capturedAt: '2025-09-10T09:15:00.000Z' });
    // Matchable later: the template is enrolled as captured.
    await expect(kit.services.enrolments.findWithTemplate(kit.db, enrolment?.reference as string)).resolves.toMatchObject({ template: capture.data.biometricTemplate });
    expect(biometricSignalsTo(eoiId)).toEqual([
      { eventId: capture.eventId, personId: main, appointmentReference, enrolmentReference: enrolment?.reference, capturedAt: '2025-09-10T09:15:00.000Z' },
    ]);
    expect(JSON.stringify(kit.temporal.signals)).not.toContain(capture.data.biometricTemplate);
    expect(kit.deadLetters(Topics.biometricsCaptured)).toEqual([]);
  });

  it('E7 a duplicated capture is harmless: one enrolment, and every copy sends the case the same signal', async () => {
    const { eoiId, appointmentReference, partner } = await bookedEoi();
    const capture = biometricsCapturedEvent(eoiId, appointmentReference, partner);

    await kit.deliver(Topics.biometricsCaptured, capture);
    await kit.deliver(Topics.biometricsCaptured, capture);
    await kit.deliver(Topics.biometricsCaptured, { ...capture, eventId: randomUUID() });

    expect(await kit.services.enrolments.listForPerson(kit.db, partner)).toHaveLength(1);
    expect(await countRows(kit.db, 'eoi_biometric_captures', eoiId)).toBe(1);
    const [first, ...copies] = biometricSignalsTo(eoiId);
    expect(copies).toEqual([first, first]);
    expect(first).toMatchObject({ eventId: capture.eventId });
  });

  it('S3 never logs the template', async () => {
    const { eoiId, appointmentReference, child } = await bookedEoi();
    const capture = biometricsCapturedEvent(eoiId, appointmentReference, child);
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await kit.deliver(Topics.biometricsCaptured, capture);
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('')).toContain('biometrics enrolled and forwarded to the EOI case');
    expect(lines.join('')).not.toContain(capture.data.biometricTemplate);
  });

  it.each([
    ['an unknown EOI', async () => {
      const eoiId = opaqueId('eoi');
      return { event: biometricsCapturedEvent(eoiId, opaqueId('vac'), opaqueId('per')), reason: `biometrics for an unknown EOI: identity has received no submission of ${eoiId}` };
    }],
    ['a person who is not in the EOI', async () => {
      const { eoiId, appointmentReference } = await bookedEoi();
      const stranger = opaqueId('per');
      return { event: biometricsCapturedEvent(eoiId, appointmentReference, stranger), reason: `biometrics for a person who is not in EOI ${eoiId}: ${stranger}` };
    }],
    ['an appointment never booked', async () => {
      const { eoiId, main } = await bookedEoi();
      const never = opaqueId('vac');
      return { event: biometricsCapturedEvent(eoiId, never, main), reason: `appointment ${never} was never booked for EOI ${eoiId}` };
    }],
    ["another EOI's appointment", async () => {
      const { eoiId, main } = await bookedEoi();
      const other = await bookedEoi();
      return { event: biometricsCapturedEvent(eoiId, other.appointmentReference, main), reason: `appointment ${other.appointmentReference} was never booked for EOI ${eoiId}` };
    }],
    ['a person not booked into the appointment', async () => {
      const { eoiId, appointmentReference, child } = await bookedEoi((eoi) => eoi.data.applicants.filter((person) => person.role !== 'child').map((person) => person.personId));
      return { event: biometricsCapturedEvent(eoiId, appointmentReference, child), reason: `${child} was not booked into appointment ${appointmentReference}` };
    }],
  ])('E7 a capture for %s is dead-lettered as rejected with its reason; nothing is enrolled or signalled', async (_case, make) => {
    const { event, reason } = await make();
    const before = kit.deadLetters(Topics.biometricsCaptured).length;

    await kit.deliver(Topics.biometricsCaptured, event);

    expect(kit.deadLetters(Topics.biometricsCaptured).slice(before)).toEqual([expect.objectContaining({ kind: 'rejected', reason })]);
    expect(await kit.services.enrolments.listForPerson(kit.db, event.data.personId)).toEqual([]);
    expect(biometricSignalsTo(event.data.eoiId)).toEqual([]);
  });

  it('E7 a capture for an EOI whose case has ended is dead-lettered as rejected, naming the workflow', async () => {
    const { eoiId, appointmentReference, main } = await bookedEoi();
    kit.temporal.end(eoiWorkflowId(eoiId));
    const before = kit.deadLetters(Topics.biometricsCaptured).length;

    await kit.deliver(Topics.biometricsCaptured, biometricsCapturedEvent(eoiId, appointmentReference, main));

    expect(kit.deadLetters(Topics.biometricsCaptured).slice(before)).toEqual([
      expect.objectContaining({ kind: 'rejected', reason: `no running EOI case eoi:${eoiId}: it was never opened or has already ended` }),
    ]);
  });
});
