import { Inject, Injectable } from '@nestjs/common';
import { EXEMPTION_REASONS, type IdentitySubjectAccess, type WithheldItem, caseIdSchema, eoiIdSchema } from '@oioo/contracts';
import { DATABASE, type Database, type Queryable, isoTimestamp, isoTimestampOrNull } from '@oioo/database';

type Row = Record<string, unknown>;

/** A timestamptz as ISO 8601 (null stays null). */
function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * Right of access: everything identity holds on one person, read in one snapshot. Biometric templates stay
 * in the store (each enrolment is reported by its reference), the other applicants of the person's EOIs and
 * the officers who assessed age are left out, and each omission is named in `withheld`.
 */
@Injectable()
export class SubjectAccessRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** What identity holds on `personId`; an unknown person gets empty lists and `known: false`. */
  async gather(personId: string): Promise<IdentitySubjectAccess> {
    // One transaction, so the lists agree with each other even while an arrival is being screened.
    return this.db.transaction((tx) => this.read(tx, personId));
  }

  private async read(q: Queryable, personId: string): Promise<IdentitySubjectAccess> {
    const rows = async (sql: string) => (await q.query<Row>(sql, [personId])).rows;
    const person = (await rows('SELECT created_at FROM people WHERE id = $1'))[0];
    const enrolments = await rows('SELECT reference, case_id, context, captured_at, enrolled_at FROM enrolments WHERE person_id = $1 ORDER BY captured_at, reference');
    const screenings = await rows(
      `SELECT case_id, enrolment_reference, re_entry, previous_case_id, earlier_case_id, match_score, screened_at, case_opened_at
       FROM arrival_screenings WHERE person_id = $1 ORDER BY screened_at, case_id`,
    );
    const links = await rows('SELECT record_case_id, case_id, link, match_score, record_arrived_at, linked_at FROM arrival_record_links WHERE person_id = $1 ORDER BY linked_at');
    const entries = await rows('SELECT case_id, enrolment_reference, route, arrived_at, recorded_at FROM irregular_entries WHERE person_id = $1 ORDER BY arrived_at');
    const returns = await rows(
      `SELECT r.case_id, r.handover_reference, r.registered_at,
              COALESCE(array_agg(e.enrolment_reference ORDER BY e.enrolment_reference) FILTER (WHERE e.enrolment_reference IS NOT NULL), '{}') AS enrolment_references
       FROM returns_register r LEFT JOIN returns_register_enrolments e ON e.return_case_id = r.case_id
       WHERE r.person_id = $1 GROUP BY r.case_id, r.handover_reference, r.registered_at ORDER BY r.registered_at`,
    );
    const assessments = await rows('SELECT reference, case_id, outcome, assessed_at, recorded_at FROM age_assessments WHERE person_id = $1 ORDER BY assessed_at');
    const applications = await rows(
      `SELECT s.eoi_id, s.family_reference, s.submitted_at, s.received_at, a.role, a.given_names, a.family_name, a.date_of_birth::text AS date_of_birth,
              a.nationalities, a.document_kind, a.document_number, a.document_issuing_country, a.document_nationality_shown, a.document_expires_on::text AS document_expires_on,
              a.eea_family_member, a.protection_elsewhere, a.french_residence_permission, a.uk_link_within_5_years
       FROM eoi_applicants a JOIN eoi_submissions s ON s.eoi_id = a.eoi_id WHERE a.person_id = $1 ORDER BY s.submitted_at, s.eoi_id`,
    );
    const presence = await rows('SELECT eoi_id, recorded_at, asked_at, confirm_by FROM presence_requests WHERE $1 = ANY(person_ids) ORDER BY recorded_at');
    const appointments = await rows('SELECT appointment_reference, eoi_id, centre, at, booked_at FROM vac_appointments WHERE $1 = ANY(person_ids) ORDER BY at');
    const captures = await rows('SELECT appointment_reference, eoi_id, enrolment_reference, captured_at, recorded_at FROM eoi_biometric_captures WHERE person_id = $1 ORDER BY captured_at');
    const others = await rows(
      `SELECT count(DISTINCT other.person_id)::int AS n FROM eoi_applicants mine
       JOIN eoi_applicants other ON other.eoi_id = mine.eoi_id AND other.person_id <> mine.person_id WHERE mine.person_id = $1`,
    );

    const readmissionCases = new Set<string>();
    for (const row of [...screenings, ...entries, ...returns, ...assessments]) readmissionCases.add(String(row['case_id']));
    for (const row of enrolments) if (row['context'] === 'arrival') readmissionCases.add(String(row['case_id']));
    const eoiIds = new Set(applications.map((row) => String(row['eoi_id'])));

    const withheld: WithheldItem[] = [];
    if (enrolments.length > 0) withheld.push({ what: 'the biometric template of each enrolment', reason: EXEMPTION_REASONS.biometricTemplate, count: enrolments.length });
    if (assessments.length > 0) withheld.push({ what: 'the officer who assessed the person\'s age', reason: EXEMPTION_REASONS.staff, count: assessments.length });
    const otherApplicants = Number(others[0]?.['n'] ?? 0);
    if (otherApplicants > 0) {
      withheld.push({ what: 'the other applicants of the person\'s EOIs (their identities, documents, presence requests, appointments and biometrics)', reason: EXEMPTION_REASONS.otherPerson, count: otherApplicants });
    }

    return {
      personId,
      known: person !== undefined,
      knownSince: isoTimestampOrNull(person?.['created_at']),
      cases: {
        readmission: [...readmissionCases].filter((id) => caseIdSchema.safeParse(id).success).sort(),
        eoi: [...eoiIds].filter((id) => eoiIdSchema.safeParse(id).success).sort(),
      },
      enrolments: enrolments.map((row) => ({
        reference: String(row['reference']),
        caseId: String(row['case_id']),
        context: row['context'] as 'arrival' | 'eoi',
        capturedAt: isoTimestamp(row['captured_at']),
        enrolledAt: isoTimestamp(row['enrolled_at']),
        templateHeld: true as const,
      })),
      arrivalScreenings: screenings.map((row) => ({
        caseId: String(row['case_id']),
        enrolmentReference: String(row['enrolment_reference']),
        reEntry: Boolean(row['re_entry']),
        previousCaseId: (row['previous_case_id'] as string | null) ?? null,
        earlierCaseId: (row['earlier_case_id'] as string | null) ?? null,
        matchScore: numberOrNull(row['match_score']),
        screenedAt: isoTimestamp(row['screened_at']),
        caseOpenedAt: isoTimestampOrNull(row['case_opened_at']),
      })),
      arrivalRecordsLinked: links.map((row) => ({
        recordCaseId: String(row['record_case_id']),
        caseId: String(row['case_id']),
        link: String(row['link']),
        matchScore: Number(row['match_score']),
        recordArrivedAt: isoTimestamp(row['record_arrived_at']),
        linkedAt: isoTimestamp(row['linked_at']),
      })),
      irregularEntries: entries.map((row) => ({ caseId: String(row['case_id']), enrolmentReference: String(row['enrolment_reference']), route: String(row['route']), arrivedAt: isoTimestamp(row['arrived_at']), recordedAt: isoTimestamp(row['recorded_at']) })),
      returnsRegister: returns.map((row) => ({ caseId: String(row['case_id']), handoverReference: String(row['handover_reference']), registeredAt: isoTimestamp(row['registered_at']), enrolmentReferences: row['enrolment_references'] as string[] })),
      ageAssessments: assessments.map((row) => ({ reference: String(row['reference']), caseId: String(row['case_id']), outcome: String(row['outcome']), assessedAt: isoTimestamp(row['assessed_at']), recordedAt: isoTimestamp(row['recorded_at']) })),
      eoiApplications: applications.map((row) => ({
        eoiId: String(row['eoi_id']),
        familyReference: (row['family_reference'] as string | null) ?? null,
        submittedAt: isoTimestamp(row['submitted_at']),
        receivedAt: isoTimestamp(row['received_at']),
        role: String(row['role']),
        givenNames: String(row['given_names']),
        familyName: String(row['family_name']),
        dateOfBirth: String(row['date_of_birth']),
        nationalities: row['nationalities'] as string[],
        document: {
          kind: String(row['document_kind']),
          number: String(row['document_number']),
          issuingCountry: String(row['document_issuing_country']),
          nationalityShown: (row['document_nationality_shown'] as string | null) ?? null,
          expiresOn: String(row['document_expires_on']),
        },
        eeaFamilyMember: Boolean(row['eea_family_member']),
        protectionElsewhere: Boolean(row['protection_elsewhere']),
        frenchResidencePermission: Boolean(row['french_residence_permission']),
        ukLinkWithin5Years: Boolean(row['uk_link_within_5_years']),
      })),
      presenceRequests: presence.map((row) => ({ eoiId: String(row['eoi_id']), recordedAt: isoTimestamp(row['recorded_at']), askedAt: isoTimestampOrNull(row['asked_at']), confirmBy: isoTimestampOrNull(row['confirm_by']) })),
      vacAppointments: appointments.map((row) => ({ appointmentReference: String(row['appointment_reference']), eoiId: String(row['eoi_id']), centre: String(row['centre']), at: isoTimestamp(row['at']), bookedAt: isoTimestamp(row['booked_at']) })),
      biometricCaptures: captures.map((row) => ({
        appointmentReference: String(row['appointment_reference']),
        eoiId: String(row['eoi_id']),
        enrolmentReference: String(row['enrolment_reference']),
        capturedAt: isoTimestamp(row['captured_at']),
        recordedAt: isoTimestamp(row['recorded_at']),
      })),
      withheld,
    };
  }
}
