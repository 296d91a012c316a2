import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { TEMPORAL_CLIENT } from '@oioo/temporal';

/** Whether a case's workflow still runs, when it closed, or that Temporal no longer knows it. */
export type CaseClosure = { kind: 'running' } | { kind: 'closed'; closedAt: Date } | { kind: 'not-found' };

/** Where retention learns when a case closed (an interface, so the sweep's unit tests can fake it). */
export interface CaseClosures {
  closureOf(workflowId: string): Promise<CaseClosure>;
}

/** Injection token of {@link CaseClosures}. */
export const CASE_CLOSURES = Symbol('CASE_CLOSURES');

/** Reads a case's closure by describing its workflow: strongly consistent, and the latest run answers (a case that continued as new is running). */
@Injectable()
export class TemporalCaseClosures implements CaseClosures {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  async closureOf(workflowId: string): Promise<CaseClosure> {
    try {
      const described = await this.temporal.workflow.getHandle(workflowId).describe();
      if (described.status.name === 'RUNNING') return { kind: 'running' };
      return { kind: 'closed', closedAt: described.closeTime ?? new Date(0) };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { kind: 'not-found' };
      throw error;
    }
  }
}
