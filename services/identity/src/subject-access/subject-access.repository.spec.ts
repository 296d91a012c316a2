import { EXEMPTION_REASONS, identitySubjectAccessSchema } from '@oioo/contracts';
import { AgeAssessmentsRepository } from '../age-assessments/age-assessments.repository';
import { arrivalEvent, opaqueId, useIdentityDatabase, openedCase } from '../test-support/identity-test-kit';
import { SubjectAccessRepository } from './subject-access.repository';

const identity = useIdentityDatabase();

let repository: SubjectAccessRepository;

beforeAll(() => {
  repository = new SubjectAccessRepository(identity.db);
});

/** An EOI of a family (the person and a partner) with a presence request and an appointment naming both, as the legal route writes them. */
async function familyEoi(personId: string, partnerId: string): Promise<string> {
  const eoiId = opaqueId('eoi');
  await identity.db.query('INSERT INTO people (id) VALUES ($1), ($2) ON CONFLICT DO NOTHING', [personId, partnerId]);
  await identity.db.query("INSERT INTO eoi_submissions (eoi_id, event_id, family_reference, submitted_at) VALUES ($1, 'evt-1', 'FAM-1', '2025-09-03T08:30:00Z')", [eoiId]);
  const applicant = `INSERT INTO eoi_applicants (eoi_id, person_id, position, role, given_names, family_name, date_of_birth, nationalities, document_kind, document_number,
      document_issuing_country, document_nationality_shown, document_expires_on, eea_family_member, protection_elsewhere, french_residence_permission, uk_link_within_5_years)
    VALUES ($1, $2, $3, $4, $5, 'Ghebremichael', '1991-11-23', '{ERI}', 'passport', $6, 'ERI', 'ERI', '2030-05-31', false, false, false, true)`;
  await identity.db.query(applicant, [eoiId, personId, 0, 'main', 'Amanuel', 'ER7781234']);
  await identity.db.query(applicant, [eoiId, partnerId, 1, 'partner', 'Selam', 'ER5550001']);
  await identity.db.query("INSERT INTO presence_requests (idempotency_key, eoi_id, person_ids, confirm_within_ms, event_id) VALUES ($1, $2, $3, 86400000, gen_random_uuid())", [`${eoiId}:presence`, eoiId, [personId, partnerId]]);
  await identity.db.query("INSERT INTO vac_appointments (appointment_reference, idempotency_key, eoi_id, person_ids, centre, at, event_id) VALUES ($1, $2, $3, $4, 'VAC-PARIS', '2025-09-10T09:00:00Z', gen_random_uuid())", [
    opaqueId('vac'),
    `${eoiId}:vac`,
    eoiId,
    [personId, partnerId],
  ]);
  return eoiId;
}

describe('identity\'s answer to a subject-access request', () => {
  it('gathers the person\'s arrivals, both cases, age assessment and EOI, without templates, staff or the partner', async () => {
    const first = arrivalEvent();
    const personId = first.data.personId;
    openedCase(await identity.services.screening.screen(first));
    const second = arrivalEvent({ personId });
    openedCase(await identity.services.screening.screen(second));
    await new AgeAssessmentsRepository(identity.db, identity.services.people).record({
      caseId: second.data.caseId,
      personId,
      outcome: 'adult',
      reference: 'AA-2025-0001',
      assessedBy: 'cw_OFFICER00000001',
      assessedAt: '2025-09-04T10:00:00Z',
      idempotencyKey: 'age-assessment-0001',
    });
    const partnerId = opaqueId('per');
    const eoiId = await familyEoi(personId, partnerId);

    const answer = identitySubjectAccessSchema.parse(await repository.gather(personId));

    expect(answer.known).toBe(true);
    expect(answer.cases).toEqual({ readmission: [first.data.caseId, second.data.caseId].sort(), eoi: [eoiId] });
    expect(answer.arrivalScreenings.map((screening) => screening.caseId).sort()).toEqual([first.data.caseId, second.data.caseId].sort());
    expect(answer.irregularEntries).toHaveLength(2);
    expect(answer.enrolments).toHaveLength(2);
    expect(answer.ageAssessments).toEqual([expect.objectContaining({ reference: 'AA-2025-0001', caseId: second.data.caseId, outcome: 'adult' })]);
    expect(answer.eoiApplications).toEqual([expect.objectContaining({ eoiId, role: 'main', givenNames: 'Amanuel', dateOfBirth: '1991-11-23', document: expect.objectContaining({ number: 'ER7781234', expiresOn: '2030-05-31' }) })]);
    expect(answer.presenceRequests).toHaveLength(1);
    expect(answer.vacAppointments).toEqual([expect.objectContaining({ eoiId, centre: 'VAC-PARIS' })]);

    const text = JSON.stringify(answer);
    // The templates stay in the store; the officer and the partner are not the person's data.
    expect(text).not.toContain(first.data.biometricTemplate);
    expect(text).not.toContain('cw_OFFICER00000001');
    expect(text).not.toContain(partnerId);
    expect(text).not.toContain('Selam');
    expect(text).not.toContain('ER5550001');
    expect(answer.withheld).toEqual([
      { what: 'the biometric template of each enrolment', reason: EXEMPTION_REASONS.biometricTemplate, count: 2 },
      { what: 'the officer who assessed the person\'s age', reason: EXEMPTION_REASONS.staff, count: 1 },
      { what: expect.stringContaining('other applicants'), reason: EXEMPTION_REASONS.otherPerson, count: 1 },
    ]);
  });

  it('answers a person identity never met with empty lists', async () => {
    const answer = identitySubjectAccessSchema.parse(await repository.gather(opaqueId('per')));

    expect(answer).toMatchObject({ known: false, knownSince: null, cases: { readmission: [], eoi: [] }, enrolments: [], eoiApplications: [], withheld: [] });
  });
});
