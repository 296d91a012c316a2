import { Inject, Injectable } from '@nestjs/common';
import { type Client, type WorkflowHandle } from '@temporalio/client';
import { readmissionWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventRejectedError } from '@oioo/kafka';
import { TEMPORAL_CLIENT, callRunningWorkflow, executeWorkflowUpdate } from '@oioo/temporal';
import {
  type LegalHoldPlacedInput,
  type LegalHoldReleasedInput,
  type RecordFranceReplyInput,
  type StepResult,
  legalHoldPlacedSignal,
  legalHoldReleasedSignal,
  recordFranceReplyUpdate,
} from '@oioo/workflows-readmission';

/**
 * Passes legal facts to a case's readmission workflow on behalf of the event handlers. A case that
 * has no running workflow, or a step the workflow refuses, cannot be helped by retrying: both become
 * {@link EventRejectedError}, so the event is dead-lettered at once with the reason. Anything else
 * (Temporal unreachable) is thrown as it is, and the consumer retries.
 */
@Injectable()
export class CaseWorkflowGateway {
  private readonly logger = createLogger('legal-review').child({ feature: 'case-workflow' });

  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  /** R7: a lodged challenge puts the case on hold; the workflow ignores a hold it already has. */
  async placeHold(caseId: string, input: LegalHoldPlacedInput): Promise<void> {
    await this.withCase(caseId, (handle) => handle.signal(legalHoldPlacedSignal, input));
  }

  /** R7: a decided challenge releases its hold, or (upheld) sends the case to the domestic process. */
  async releaseHold(caseId: string, input: LegalHoldReleasedInput): Promise<void> {
    await this.withCase(caseId, (handle) => handle.signal(legalHoldReleasedSignal, input));
  }

  /** R4, R10: France's reply, as an update the workflow validates; a repeated command id returns the first result. */
  async recordFranceReply(caseId: string, input: RecordFranceReplyInput): Promise<StepResult> {
    const outcome = await executeWorkflowUpdate(this.handleOf(caseId), recordFranceReplyUpdate, input);
    if (outcome.kind === 'accepted') return outcome.result;
    if (outcome.kind === 'not-running') throw this.unknownCase(caseId);
    // The refusal is the workflow's own: its code a CaseErrorCode, its reason a sentence without personal data.
    this.logger.warn('case refused France reply', { caseId, code: outcome.code ?? 'unknown', commandId: input.commandId });
    throw new EventRejectedError(outcome.reason);
  }

  private async withCase(caseId: string, act: (handle: WorkflowHandle) => Promise<void>): Promise<void> {
    const outcome = await callRunningWorkflow(() => act(this.handleOf(caseId)));
    if (outcome.kind === 'not-running') throw this.unknownCase(caseId);
  }

  private handleOf(caseId: string): WorkflowHandle {
    return this.temporal.workflow.getHandle(readmissionWorkflowId(caseId));
  }

  private unknownCase(caseId: string): EventRejectedError {
    return new EventRejectedError(`unknown case: no running readmission case ${caseId} (never opened, or already ended)`);
  }
}
