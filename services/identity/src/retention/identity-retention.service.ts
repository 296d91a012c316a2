import { Inject, Injectable } from '@nestjs/common';
import { createLogger } from '@oioo/config';
import { type RetentionPolicy, type RetentionSweepResult, eoiWorkflowId, readmissionWorkflowId, retentionCutoff } from '@oioo/contracts';
import { DATABASE, type Database, type Queryable } from '@oioo/database';
import { CASE_CLOSURES, type CaseClosure, type CaseClosures } from './case-closures';

/** Injection token of the retention policy (S4) identity sweeps by. */
export const IDENTITY_RETENTION = Symbol('IDENTITY_RETENTION');

/**
 * S4: identity's part of a retention sweep. Each class's period starts when its case closed; a case is past it
 * when its workflow closed before the cutoff (or Temporal no longer knows it), and only cases enrolled or
 * received before the cutoff are asked about, since a case closes after its data arrives. R11: whatever
 * entered the register of returns is never deleted, nor any enrolment of a returned case.
 */
@Injectable()
export class IdentityRetention {
  private readonly logger = createLogger('identity').child({ feature: 'retention' });

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(IDENTITY_RETENTION) private readonly policy: RetentionPolicy,
    @Inject(CASE_CLOSURES) private readonly closures: CaseClosures,
  ) {}

  /** Deletes what is past its period as of `asOf` and answers the rows deleted per class; a repeat deletes nothing more. */
  async sweep(asOf: Date): Promise<RetentionSweepResult> {
    const closedBefore = this.closedBefore();
    const cutoffs = {
      'biometric-templates': retentionCutoff(this.policy, 'biometric-templates', asOf),
      enrolments: retentionCutoff(this.policy, 'enrolments', asOf),
      'eoi-identity-documents': retentionCutoff(this.policy, 'eoi-identity-documents', asOf),
    };
    const deleted = {
      'biometric-templates': await this.sweepArrivalBiometrics(cutoffs['biometric-templates'], closedBefore),
      enrolments: await this.sweepEoiEnrolments(cutoffs.enrolments, closedBefore),
      'eoi-identity-documents': await this.sweepEoiApplicants(cutoffs['eoi-identity-documents'], closedBefore),
    };
    await this.db.query(ORPHANED_PEOPLE);
    this.logger.info('retention sweep', { asOf: asOf.toISOString(), ...deleted });
    return {
      asOf: asOf.toISOString(),
      deleted,
      cutoffs: { 'biometric-templates': cutoffs['biometric-templates'].toISOString(), enrolments: cutoffs.enrolments.toISOString(), 'eoi-identity-documents': cutoffs['eoi-identity-documents'].toISOString() },
    };
  }

  /** S4 biometric-templates: arrival enrolments of cases not returned, with the case's register entry, screening, links and age assessments. */
  private async sweepArrivalBiometrics(cutoff: Date, closedBefore: (workflowId: string, cutoff: Date) => Promise<boolean>): Promise<number> {
    let deleted = 0;
    for (const caseId of await this.candidateCases('arrival', cutoff)) {
      if (!(await closedBefore(readmissionWorkflowId(caseId), cutoff))) continue;
      deleted += await this.db.transaction(async (tx) => {
        const refs = await unregisteredEnrolments(tx, caseId, 'arrival');
        if (refs.length === 0) return 0;
        await releaseMatches(tx, refs);
        await tx.query('DELETE FROM arrival_record_links WHERE case_id = $1', [caseId]);
        await tx.query('DELETE FROM irregular_entries WHERE enrolment_reference = ANY($1)', [refs]);
        await tx.query('DELETE FROM arrival_screenings WHERE enrolment_reference = ANY($1)', [refs]);
        await tx.query('DELETE FROM age_assessments WHERE case_id = $1', [caseId]);
        return (await tx.query('DELETE FROM enrolments WHERE reference = ANY($1)', [refs])).rowCount;
      });
    }
    return deleted;
  }

  /** S4 enrolments: the biometrics captured at the visa application centre for an EOI whose case closed. */
  private async sweepEoiEnrolments(cutoff: Date, closedBefore: (workflowId: string, cutoff: Date) => Promise<boolean>): Promise<number> {
    let deleted = 0;
    for (const eoiId of await this.candidateCases('eoi', cutoff)) {
      if (!(await closedBefore(eoiWorkflowId(eoiId), cutoff))) continue;
      deleted += await this.db.transaction(async (tx) => {
        const refs = await unregisteredEnrolments(tx, eoiId, 'eoi');
        if (refs.length === 0) return 0;
        await releaseMatches(tx, refs);
        await tx.query('DELETE FROM eoi_biometric_captures WHERE enrolment_reference = ANY($1)', [refs]);
        return (await tx.query('DELETE FROM enrolments WHERE reference = ANY($1)', [refs])).rowCount;
      });
    }
    return deleted;
  }

  /** S4 eoi-identity-documents: the applicants' personal data and documents, with the EOI's presence requests and appointments. */
  private async sweepEoiApplicants(cutoff: Date, closedBefore: (workflowId: string, cutoff: Date) => Promise<boolean>): Promise<number> {
    const { rows } = await this.db.query<{ eoi_id: string }>('SELECT eoi_id FROM eoi_submissions WHERE received_at < $1 ORDER BY received_at', [cutoff]);
    let deleted = 0;
    for (const { eoi_id: eoiId } of rows) {
      if (!(await closedBefore(eoiWorkflowId(eoiId), cutoff))) continue;
      deleted += await this.db.transaction(async (tx) => {
        // The captures link an applicant to an enrolment; the enrolment itself follows its own period.
        await tx.query('DELETE FROM eoi_biometric_captures WHERE eoi_id = $1', [eoiId]);
        await tx.query('DELETE FROM vac_appointments WHERE eoi_id = $1', [eoiId]);
        await tx.query('DELETE FROM presence_requests WHERE eoi_id = $1', [eoiId]);
        const applicants = await tx.query('DELETE FROM eoi_applicants WHERE eoi_id = $1', [eoiId]);
        await tx.query('DELETE FROM eoi_submissions WHERE eoi_id = $1', [eoiId]);
        return applicants.rowCount;
      });
    }
    return deleted;
  }

  /** Cases with enrolments of this context taken before the cutoff and not in the register of returns (R11). */
  private async candidateCases(context: 'arrival' | 'eoi', cutoff: Date): Promise<string[]> {
    const { rows } = await this.db.query<{ case_id: string }>(
      `SELECT DISTINCT e.case_id FROM enrolments e
        WHERE e.context = $1 AND e.enrolled_at < $2
          AND NOT EXISTS (SELECT 1 FROM returns_register r WHERE r.case_id = e.case_id)
          AND NOT EXISTS (SELECT 1 FROM returns_register_enrolments r WHERE r.enrolment_reference = e.reference)
        ORDER BY e.case_id`,
      [context, cutoff],
    );
    return rows.map((row) => row.case_id);
  }

  /** Whether a workflow closed before the cutoff, asking Temporal once per workflow and sweep. */
  private closedBefore(): (workflowId: string, cutoff: Date) => Promise<boolean> {
    const known = new Map<string, Promise<CaseClosure>>();
    return async (workflowId, cutoff) => {
      if (!known.has(workflowId)) known.set(workflowId, this.closures.closureOf(workflowId));
      const closure = await (known.get(workflowId) as Promise<CaseClosure>);
      // Not found: Temporal has dropped the closed workflow after its own retention, long after it closed.
      return closure.kind === 'not-found' || (closure.kind === 'closed' && closure.closedAt.getTime() < cutoff.getTime());
    };
  }
}

/** The case's enrolments of this context that never entered the register of returns (R11: those are kept). */
async function unregisteredEnrolments(tx: Queryable, caseId: string, context: 'arrival' | 'eoi'): Promise<string[]> {
  const { rows } = await tx.query<{ reference: string }>(
    `SELECT reference FROM enrolments e WHERE case_id = $1 AND context = $2
       AND NOT EXISTS (SELECT 1 FROM returns_register_enrolments r WHERE r.enrolment_reference = e.reference)`,
    [caseId, context],
  );
  return rows.map((row) => row.reference);
}

/** Later screenings and links that matched these enrolments keep their own case but lose the match to deleted biometrics. */
async function releaseMatches(tx: Queryable, refs: string[]): Promise<void> {
  await tx.query('UPDATE arrival_screenings SET matched_enrolment_reference = NULL, match_score = NULL WHERE matched_enrolment_reference = ANY($1)', [refs]);
  await tx.query('DELETE FROM arrival_record_links WHERE matched_enrolment_reference = ANY($1)', [refs]);
}

/** People (opaque ids) with nothing left about them. */
const ORPHANED_PEOPLE = `DELETE FROM people p
  WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id)
    AND NOT EXISTS (SELECT 1 FROM irregular_entries i WHERE i.person_id = p.id)
    AND NOT EXISTS (SELECT 1 FROM arrival_screenings s WHERE s.person_id = p.id)
    AND NOT EXISTS (SELECT 1 FROM age_assessments a WHERE a.person_id = p.id)
    AND NOT EXISTS (SELECT 1 FROM eoi_applicants a WHERE a.person_id = p.id)`;
