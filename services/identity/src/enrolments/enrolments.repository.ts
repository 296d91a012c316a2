import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type Queryable } from '@oioo/database';
import { indexedTemplate } from '../matching/near-match-candidates';
import { templateHash } from '../matching/template-hash';
import { PeopleRepository } from '../people/people.repository';

/** Where a biometric sample was taken: at a small-boat arrival (R11) or for an EOI (E4, E7). */
export type EnrolmentContext = 'arrival' | 'eoi';

/** A biometric enrolment as other features see it: references only, never the template. */
export interface Enrolment {
  /** Opaque reference (`enr_...`), the biometric reference sent to France (R12). */
  reference: string;
  personId: string;
  /** The case (or EOI) the sample was taken for. */
  caseId: string;
  context: EnrolmentContext;
  capturedAt: string;
}

/** What an enrolment records. */
export interface EnrolInput {
  personId: string;
  caseId: string;
  context: EnrolmentContext;
  /** Business key of the capture (`arrival:<caseId>`): a second enrolment with the same key returns the first. */
  sourceKey: string;
  /** The event that carried the sample, when there is one. */
  eventId?: string;
  template: string;
  capturedAt: string;
}

interface EnrolmentRow {
  reference: string;
  person_id: string;
  case_id: string;
  context: EnrolmentContext;
  captured_at: Date;
}

const COLUMNS = 'reference, person_id, case_id, context, captured_at';

/** A new opaque enrolment reference: `enr_` and 32 hex digits. */
export function newEnrolmentReference(): string {
  return `enr_${randomUUID().replace(/-/g, '')}`;
}

/** Biometric enrolments: the template, its hash for exact matches, and the case it was taken for. */
@Injectable()
export class EnrolmentsRepository {
  constructor(private readonly people: PeopleRepository) {}

  /** Enrols a sample once per source key; a repeat returns the first enrolment with `created` false. */
  async enrol(q: Queryable, input: EnrolInput): Promise<{ enrolment: Enrolment; created: boolean }> {
    await this.people.ensure(q, input.personId);
    const inserted = await q.query<EnrolmentRow>(
      `INSERT INTO enrolments (reference, person_id, case_id, context, source_key, event_id, template_hash, template, indexed_template, captured_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (source_key) DO NOTHING
       RETURNING ${COLUMNS}`,
      [newEnrolmentReference(), input.personId, input.caseId, input.context, input.sourceKey, input.eventId ?? null, templateHash(input.template), input.template, indexedTemplate(input.template), input.capturedAt],
    );
    const created = inserted.rows[0];
    if (created) return { enrolment: toEnrolment(created), created: true };
    const existing = await this.findBySourceKey(q, input.sourceKey);
    // The conflicting row committed before ON CONFLICT gave way, so it is visible to this statement.
    if (!existing) throw new Error(`enrolment for source key ${input.sourceKey} vanished`);
    return { enrolment: existing, created: false };
  }

  /** The enrolment made for a source key, if any. */
  async findBySourceKey(q: Queryable, sourceKey: string): Promise<Enrolment | undefined> {
    const row = (await q.query<EnrolmentRow>(`SELECT ${COLUMNS} FROM enrolments WHERE source_key = $1`, [sourceKey])).rows[0];
    return row ? toEnrolment(row) : undefined;
  }

  /**
   * The enrolment with this reference and its template, for matching only (E4): the template must never
   * reach a log, an answer or an error (S3).
   */
  async findWithTemplate(q: Queryable, reference: string): Promise<{ enrolment: Enrolment; template: string } | undefined> {
    const row = (await q.query<EnrolmentRow & { template: string }>(`SELECT ${COLUMNS}, template FROM enrolments WHERE reference = $1`, [reference])).rows[0];
    return row ? { enrolment: toEnrolment(row), template: row.template } : undefined;
  }

  /** Every enrolment of a person, oldest first. */
  async listForPerson(q: Queryable, personId: string): Promise<Enrolment[]> {
    const result = await q.query<EnrolmentRow>(`SELECT ${COLUMNS} FROM enrolments WHERE person_id = $1 ORDER BY captured_at, reference`, [personId]);
    return result.rows.map(toEnrolment);
  }
}

function toEnrolment(row: EnrolmentRow): Enrolment {
  return { reference: row.reference, personId: row.person_id, caseId: row.case_id, context: row.context, capturedAt: row.captured_at.toISOString() };
}
