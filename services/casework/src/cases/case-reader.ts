import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { type PersonCaller, ProblemError, type Role } from '@oioo/auth';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
import { eoiCaseViewQuery } from '@oioo/workflows-eoi';
import { caseViewQuery } from '@oioo/workflows-readmission';
import { needsPurpose, rolesReaching, visibilityFor } from '../access/case-access';
import { ConsultationLog } from '../consultations/consultation-log.repository';
import { StaffDirectory } from '../consultations/staff-directory.repository';
import { CaseDirectory } from './case-directory';
import { type EoiCaseResponse, type PresentationContext, type ReadmissionCaseResponse, actorsOf, presentEoiCase, presentReadmissionCase } from './case-presenter';
import { type CaseRef, caseNotFound } from './case-ref';

/**
 * Reads one case for a person: finds it, checks they reach it (its team, their roles), asks the
 * workflow for its view, shows it whole or redacted, and logs every read that showed personal data (S3).
 */
@Injectable()
export class CaseReader {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly directory: CaseDirectory,
    private readonly consultations: ConsultationLog,
    private readonly staff: StaffDirectory,
  ) {}

  /** A readmission case as `caller` may see it. */
  readmission(ref: CaseRef, caller: PersonCaller, allowed: readonly Role[], purpose: string | undefined): Promise<ReadmissionCaseResponse> {
    return this.read(ref, caller, allowed, purpose, 'getReadmissionCase', () => this.temporal.workflow.getHandle(ref.workflowId).query(caseViewQuery), presentReadmissionCase);
  }

  /** An EOI case as `caller` may see it. */
  eoi(ref: CaseRef, caller: PersonCaller, allowed: readonly Role[], purpose: string | undefined): Promise<EoiCaseResponse> {
    return this.read(ref, caller, allowed, purpose, 'getEoiCase', () => this.temporal.workflow.getHandle(ref.workflowId).query(eoiCaseViewQuery), presentEoiCase);
  }

  private async read<View extends { timeline: readonly { by: string }[] }, Response>(
    ref: CaseRef,
    caller: PersonCaller,
    allowed: readonly Role[],
    purpose: string | undefined,
    operation: string,
    query: () => Promise<View>,
    present: (view: View, context: PresentationContext) => Response,
  ): Promise<Response> {
    const { found, visibility } = await this.access(ref, caller, allowed, purpose);
    const view = await query();
    const names = visibility === 'full' ? await this.staff.namesOf(actorsOf(view)) : new Map<string, string>();
    const response = present(view, { ...(found.team ? { team: found.team } : {}), visibility, now: new Date(), names });
    if (visibility === 'full') await this.consultations.record(caller, { caseKind: ref.kind, caseId: ref.id, operation, purpose: purpose ?? 'casework' });
    return response;
  }

  private async access(ref: CaseRef, caller: PersonCaller, allowed: readonly Role[], purpose: string | undefined) {
    const found = await this.directory.find(ref);
    const reaching = found ? rolesReaching(caller, found, allowed) : [];
    if (!found || reaching.length === 0) throw caseNotFound(ref);
    if (needsPurpose(reaching) && !purpose) {
      throw new ProblemError(HttpStatus.BAD_REQUEST, 'PURPOSE_REQUIRED', 'an auditor states why they read a case (the purpose query parameter); it is kept in the consultation log', [
        { field: 'purpose', message: 'is required' },
      ]);
    }
    return { found, visibility: visibilityFor(reaching) };
  }
}
