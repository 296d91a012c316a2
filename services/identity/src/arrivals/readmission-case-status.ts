import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { readmissionWorkflowId } from '@oioo/contracts';
import { TEMPORAL_CLIENT } from '@oioo/temporal';

/** What Temporal holds of a readmission case's workflow. */
export type CaseWorkflowStatus = { kind: 'running' } | { kind: 'closed'; closedAt: string } | { kind: 'not-found' };

/** Where identity learns whether an earlier case is still open (an interface, so screening's unit tests can fake it). */
export interface ReadmissionCaseStatuses {
  statusOf(caseId: string): Promise<CaseWorkflowStatus>;
}

/** Injection token of {@link ReadmissionCaseStatuses}. */
export const READMISSION_CASE_STATUSES = Symbol('READMISSION_CASE_STATUSES');

/**
 * Reads a case's status from Temporal by describing its workflow: strongly consistent, unlike
 * visibility, so a case that started a moment ago is seen running. The latest run answers, so a case
 * that continued as new is running.
 */
@Injectable()
export class TemporalReadmissionCaseStatuses implements ReadmissionCaseStatuses {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  async statusOf(caseId: string): Promise<CaseWorkflowStatus> {
    try {
      const described = await this.temporal.workflow.getHandle(readmissionWorkflowId(caseId)).describe();
      if (described.status.name === 'RUNNING') return { kind: 'running' };
      return { kind: 'closed', closedAt: (described.closeTime ?? new Date()).toISOString() };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { kind: 'not-found' };
      throw error;
    }
  }
}
