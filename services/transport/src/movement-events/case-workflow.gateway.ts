import { Inject, Injectable } from '@nestjs/common';
import { type Client } from '@temporalio/client';
import { type UpdateDefinition, WorkflowNotFoundError } from '@temporalio/common';
import { readmissionWorkflowId } from '@oioo/contracts';
import { TEMPORAL_CLIENT, executeWorkflowUpdate } from '@oioo/temporal';
import { type ReadmissionCaseState, type StepResult, caseViewQuery } from '@oioo/workflows-readmission';

/** What the case workflow made of a fact the transport service forwarded. */
export type CaseUpdateResult =
  | { kind: 'accepted'; state: ReadmissionCaseState }
  /** The workflow refused it: the reason is the workflow's own sentence (no personal data). */
  | { kind: 'refused'; reason: string; code?: string }
  /** The case's workflow has completed; `state` is where it ended. */
  | { kind: 'case-completed'; state: ReadmissionCaseState };

/** Forwards agency facts about movements to readmission case workflows as updates. */
@Injectable()
export class CaseWorkflowGateway {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  /**
   * Executes the update on the case's workflow. A refusal (WorkflowUpdateFailedError, whose cause is
   * the workflow's ApplicationFailure) comes back as `refused`; a workflow that no longer runs as
   * `case-completed` or `refused`; anything else (Temporal unreachable, say) throws, so the event is retried.
   */
  async update<Input>(caseId: string, update: UpdateDefinition<StepResult, [Input]>, input: Input): Promise<CaseUpdateResult> {
    const outcome = await executeWorkflowUpdate(this.temporal.workflow.getHandle(readmissionWorkflowId(caseId)), update, input);
    if (outcome.kind === 'accepted') return { kind: 'accepted', state: outcome.result.state };
    if (outcome.kind === 'refused') return outcome;
    return this.whyNotRunning(caseId);
  }

  /** A workflow that takes no updates has either completed (its last state still answers queries) or never existed. */
  private async whyNotRunning(caseId: string): Promise<CaseUpdateResult> {
    try {
      const view = await this.temporal.workflow.getHandle(readmissionWorkflowId(caseId)).query(caseViewQuery);
      return { kind: 'case-completed', state: view.state };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { kind: 'refused', reason: `there is no readmission case workflow for case ${caseId}` };
      throw error;
    }
  }
}
