import { type CaseWorkflowStatus, type ReadmissionCaseStatuses } from '../arrivals/readmission-case-status';

/** Test support only: case statuses the test sets; a case it was not told about is one Temporal does not know. */
export class FakeCaseStatuses implements ReadmissionCaseStatuses {
  private readonly statuses = new Map<string, CaseWorkflowStatus>();

  /** Says what Temporal would answer for the case from now on. */
  set(caseId: string, status: CaseWorkflowStatus): void {
    this.statuses.set(caseId, status);
  }

  async statusOf(caseId: string): Promise<CaseWorkflowStatus> {
    return this.statuses.get(caseId) ?? { kind: 'not-found' };
  }
}
