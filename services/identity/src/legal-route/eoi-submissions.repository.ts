import { Injectable } from '@nestjs/common';
import { type EoiApplicant, type EoiSubmittedData, type EventEnvelope } from '@oioo/contracts';
import { type Queryable } from '@oioo/database';
import { PeopleRepository } from '../people/people.repository';

/** An EOI as identity stored it: the first submission received, with every applicant's personal data. */
export interface StoredEoiSubmission {
  /** The portal event that brought it first. */
  eventId: string;
  eoiId: string;
  familyReference?: string;
  submittedAt: string;
  /** In submission order. Holds names and document numbers: never send these on (S3). */
  applicants: EoiApplicant[];
}

/** What became of a submission event. */
export type RecordSubmissionOutcome =
  /** Stored now. */
  | { kind: 'recorded'; submission: StoredEoiSubmission }
  /** The EOI was stored before with the same people: nothing was written; the first submission stands. */
  | { kind: 'copy'; submission: StoredEoiSubmission }
  /** The EOI was stored before with other people: refused, nothing written. */
  | { kind: 'conflict'; storedPersonIds: string[] };

interface SubmissionRow {
  eoi_id: string;
  event_id: string;
  family_reference: string | null;
  submitted_at: Date;
}

interface ApplicantRow {
  person_id: string;
  role: EoiApplicant['role'];
  given_names: string;
  family_name: string;
  date_of_birth: string;
  nationalities: string[];
  document_kind: EoiApplicant['document']['kind'];
  document_number: string;
  document_issuing_country: string;
  document_nationality_shown: string | null;
  document_expires_on: string;
  eea_family_member: boolean;
  protection_elsewhere: boolean;
  french_residence_permission: boolean;
  uk_link_within_5_years: boolean;
}

const APPLICANT_COLUMNS = `person_id, role, given_names, family_name, date_of_birth, nationalities, document_kind, document_number,
  document_issuing_country, document_nationality_shown, document_expires_on, eea_family_member, protection_elsewhere,
  french_residence_permission, uk_link_within_5_years`;

/**
 * E1, E5: the EOIs identity received from the portal and the personal data of their applicants, kept
 * here so the EOI case sees opaque ids and eligibility facts only (S3). Once per EOI: the first
 * submission stands, and a copy (same or new event id) writes nothing.
 */
@Injectable()
export class EoiSubmissionsRepository {
  constructor(private readonly people: PeopleRepository) {}

  /** Stores the submission unless its EOI is known; call inside a transaction so the EOI and its applicants commit together. */
  async recordOnce(tx: Queryable, event: EventEnvelope<EoiSubmittedData>): Promise<RecordSubmissionOutcome> {
    const { eoiId, familyReference, submittedAt, applicants } = event.data;
    const inserted = await tx.query(
      `INSERT INTO eoi_submissions (eoi_id, event_id, family_reference, submitted_at) VALUES ($1, $2, $3, $4) ON CONFLICT (eoi_id) DO NOTHING`,
      [eoiId, event.eventId, familyReference ?? null, submittedAt],
    );
    if (inserted.rowCount === 0) {
      const stored = await this.find(tx, eoiId);
      // The row that won the conflict has committed, so it is visible here.
      if (!stored) throw new Error(`EOI ${eoiId} vanished`);
      const storedPersonIds = stored.applicants.map((applicant) => applicant.personId);
      if (!samePeople(storedPersonIds, applicants.map((applicant) => applicant.personId))) return { kind: 'conflict', storedPersonIds };
      return { kind: 'copy', submission: stored };
    }
    for (const [position, applicant] of applicants.entries()) {
      await this.people.ensure(tx, applicant.personId);
      await tx.query(
        `INSERT INTO eoi_applicants (eoi_id, position, ${APPLICANT_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [
          eoiId,
          position,
          applicant.personId,
          applicant.role,
          applicant.givenNames,
          applicant.familyName,
          applicant.dateOfBirth,
          applicant.nationalities,
          applicant.document.kind,
          applicant.document.number,
          applicant.document.issuingCountry,
          applicant.document.nationalityShown,
          applicant.document.expiresOn,
          applicant.eeaFamilyMember,
          applicant.protectionElsewhere,
          applicant.frenchResidencePermission,
          applicant.ukLinkWithin5Years,
        ],
      );
    }
    const submission = await this.find(tx, eoiId);
    if (!submission) throw new Error(`EOI ${eoiId} was not stored`);
    return { kind: 'recorded', submission };
  }

  /** The stored EOI with its applicants in submission order, if identity has received it. */
  async find(q: Queryable, eoiId: string): Promise<StoredEoiSubmission | undefined> {
    const row = (await q.query<SubmissionRow>('SELECT eoi_id, event_id, family_reference, submitted_at FROM eoi_submissions WHERE eoi_id = $1', [eoiId])).rows[0];
    if (!row) return undefined;
    const applicants = await q.query<ApplicantRow>(`SELECT ${APPLICANT_COLUMNS} FROM eoi_applicants WHERE eoi_id = $1 ORDER BY position`, [eoiId]);
    return {
      eventId: row.event_id,
      eoiId: row.eoi_id,
      ...(row.family_reference === null ? {} : { familyReference: row.family_reference }),
      submittedAt: row.submitted_at.toISOString(),
      applicants: applicants.rows.map(toApplicant),
    };
  }

  /** The people in the EOI, in submission order; undefined when identity has not received the EOI. */
  async personIdsOf(q: Queryable, eoiId: string): Promise<string[] | undefined> {
    const known = await q.query('SELECT 1 FROM eoi_submissions WHERE eoi_id = $1', [eoiId]);
    if (known.rowCount === 0) return undefined;
    const rows = await q.query<{ person_id: string }>('SELECT person_id FROM eoi_applicants WHERE eoi_id = $1 ORDER BY position', [eoiId]);
    return rows.rows.map((row) => row.person_id);
  }
}

/** Those of `personIds` who are not in the EOI, for refusals that name them by opaque id. */
export function peopleNotIn(eoiPersonIds: readonly string[], personIds: readonly string[]): string[] {
  const members = new Set(eoiPersonIds);
  return personIds.filter((personId) => !members.has(personId));
}

function samePeople(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((personId) => left.has(personId));
}

function toApplicant(row: ApplicantRow): EoiApplicant {
  return {
    personId: row.person_id,
    role: row.role,
    givenNames: row.given_names,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    nationalities: row.nationalities,
    document: {
      kind: row.document_kind,
      number: row.document_number,
      issuingCountry: row.document_issuing_country,
      nationalityShown: row.document_nationality_shown,
      expiresOn: row.document_expires_on,
    },
    eeaFamilyMember: row.eea_family_member,
    protectionElsewhere: row.protection_elsewhere,
    frenchResidencePermission: row.french_residence_permission,
    ukLinkWithin5Years: row.uk_link_within_5_years,
  };
}
