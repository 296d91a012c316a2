import { Topics } from '@oioo/contracts';
import { arrivalEvent, nearTemplate, opaqueId, problemDocument, returnOf, sampleTemplate } from '../test-support/identity-test-kit';
import { type LegalRouteTestApp, biometricsCapturedEvent, eoiSubmittedEvent, startLegalRouteTestApp } from '../test-support/legal-route-test-kit';

let kit: LegalRouteTestApp;

beforeAll(async () => {
  kit = await startLegalRouteTestApp();
}, 60_000);

afterAll(() => kit?.close());

/** An EOI main applicant whose biometrics, captured at the visa application centre, are the given template; their enrolment. */
async function enrolledApplicant(template: string): Promise<{ eoiId: string; personId: string; enrolmentReference: string }> {
  const eoi = eoiSubmittedEvent();
  const { eoiId } = eoi.data;
  const personId = eoi.data.applicants[0]?.personId as string;
  await kit.deliver(Topics.eoiSubmitted, eoi);
  const booked = await kit.request('POST', '/vac-appointments', { eoiId, personIds: [personId], idempotencyKey: `eoi:${eoiId}:appointment:1` });
  const { appointmentReference } = booked.body as { appointmentReference: string };
  await kit.deliver(Topics.biometricsCaptured, biometricsCapturedEvent(eoiId, appointmentReference, personId, { biometricTemplate: template }));
  const [enrolment] = await kit.services.enrolments.listForPerson(kit.db, personId);
  if (!enrolment) throw new Error('the capture was not enrolled');
  return { eoiId, personId, enrolmentReference: enrolment.reference };
}

async function check(body: { eoiId: string; personId: string; enrolmentReference: string }) {
  return kit.request('POST', '/enrolment-register-checks', body);
}

describe('POST /enrolment-register-checks', () => {
  it('E4 an applicant who arrived earlier by small boat (a second sample, matched by similarity) has a recorded irregular entry', async () => {
    const template = sampleTemplate('e4-small-boat');
    // Border Force knew them under another person id; only the biometrics link the two.
    await kit.services.screening.screen(arrivalEvent({ biometricTemplate: template }));
    const applicant = await enrolledApplicant(nearTemplate(template, 2));
    const started = Date.now();

    const answer = await check(applicant);

    expect(answer).toEqual({ status: 200, body: { returned: false, irregularEntry: true, checkedAt: expect.any(String) } });
    const { checkedAt } = answer.body as { checkedAt: string };
    expect(Date.parse(checkedAt)).toBeGreaterThanOrEqual(started);
  });

  it('E4 R11 an applicant returned to France under the scheme is found in the register of returns', async () => {
    const template = sampleTemplate('e4-returned');
    const arrival = arrivalEvent({ biometricTemplate: template });
    await kit.services.screening.screen(arrival);
    await kit.services.returns.register(returnOf(arrival.data));
    const applicant = await enrolledApplicant(template);

    await expect(check(applicant)).resolves.toEqual({ status: 200, body: { returned: true, irregularEntry: true, checkedAt: expect.any(String) } });
  });

  it('E4 an applicant in no register is clear, and their own EOI enrolment does not match itself', async () => {
    const applicant = await enrolledApplicant(sampleTemplate('e4-clear'));

    await expect(check(applicant)).resolves.toEqual({ status: 200, body: { returned: false, irregularEntry: false, checkedAt: expect.any(String) } });
    // The registers hold arrival enrolments and returned people's only; an EOI enrolment enters neither.
    const inRegisters = await kit.db.query(
      `SELECT 1 FROM irregular_entries WHERE enrolment_reference = $1 UNION ALL SELECT 1 FROM returns_register_enrolments WHERE enrolment_reference = $1`,
      [applicant.enrolmentReference],
    );
    expect(inRegisters.rowCount).toBe(0);
  });

  it('E4 two EOI applicants with the same biometrics do not make each other irregular entries', async () => {
    const template = sampleTemplate('e4-two-applications');
    const earlier = await enrolledApplicant(template);
    const later = await enrolledApplicant(template);

    await expect(check(later)).resolves.toMatchObject({ body: { returned: false, irregularEntry: false } });
    await expect(check(earlier)).resolves.toMatchObject({ body: { returned: false, irregularEntry: false } });
  });

  it('E4 uses the same matcher and threshold as POST /register-checks', async () => {
    const template = sampleTemplate('e4-same-threshold');
    await kit.services.screening.screen(arrivalEvent({ biometricTemplate: template }));
    const near = await enrolledApplicant(nearTemplate(template, 1));
    const far = await enrolledApplicant(sampleTemplate('e4-someone-else'));

    for (const [applicant, sample] of [
      [near, nearTemplate(template, 1)],
      [far, sampleTemplate('e4-someone-else')],
    ] as const) {
      const byTemplate = (await kit.request('POST', '/register-checks', { template: sample })).body as { returned: boolean; irregularEntry: boolean };
      const byEnrolment = (await check(applicant)).body as { returned: boolean; irregularEntry: boolean };
      expect({ returned: byEnrolment.returned, irregularEntry: byEnrolment.irregularEntry }).toEqual({ returned: byTemplate.returned, irregularEntry: byTemplate.irregularEntry });
    }
    await expect(check(near)).resolves.toMatchObject({ body: { irregularEntry: true } });
  });

  it('answers 404 UNKNOWN_ENROLMENT for an enrolment identity does not hold, or holds for another person or EOI', async () => {
    const applicant = await enrolledApplicant(sampleTemplate('e4-404'));
    const unknown = { ...applicant, enrolmentReference: 'enr_00000000000000000000000000000000' };

    for (const body of [unknown, { ...applicant, personId: opaqueId('per') }, { ...applicant, eoiId: opaqueId('eoi') }]) {
      await expect(check(body)).resolves.toEqual({ status: 404, body: problemDocument(404, 'UNKNOWN_ENROLMENT', `identity holds no enrolment ${body.enrolmentReference} of ${body.personId} for ${body.eoiId}`) });
    }
  });

  it('refuses a body that breaks enrolmentRegisterCheckBodySchema with 400 INVALID_INPUT', async () => {
    await expect(check({ eoiId: 'case_01J9ZQ4X7K3M2N8P6R5T', personId: opaqueId('per'), enrolmentReference: '' })).resolves.toEqual({
      status: 400,
      body: problemDocument(400, 'INVALID_INPUT', expect.stringMatching(/eoiId.*enrolmentReference/)),
    });
  });
});
