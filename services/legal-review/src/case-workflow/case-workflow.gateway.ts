import { Inject, Injectable } from '@nestjs/common';
import { type Client, type WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { readmissionWorkflowId } from '@oioo/contracts';
import { createLogger } from '@oioo/config';
import { EventRejectedError } from '@oioo/kafka';
import { TEMPORAL_CLIENT } from '@oioo/temporal';
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
    return this.withCase(caseId, async (handle) => {
      try {
        return await handle.executeUpdate(recordFranceReplyUpdate, { args: [input] });
      } catch (error) {
        if (!(error instanceof WorkflowUpdateFailedError)) throw error;
        // The cause is the workflow's ApplicationFailure: its type is a CaseErrorCode, its message a sentence without personal data.
        const cause = error.cause as { type?: string; message?: string } | undefined;
        this.logger.warn('case refused France reply', { caseId, code: cause?.type ?? 'unknown', commandId: input.commandId });
        throw new EventRejectedError(cause?.message ?? error.message);
      }
    });
  }

  private async withCase<T>(caseId: string, act: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
    try {
      return await act(this.temporal.workflow.getHandle(readmissionWorkflowId(caseId)));
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      throw new EventRejectedError(`unknown case: no running readmission case ${caseId} (never opened, or already ended)`);
    }
  }
}
